"""YAML output in the glossary's house style.

* block style, keys in the order given (callers pass data in schema order);
* mappings and lists holding only short scalars are written on one line in flow style
  (``ja: {term: エクソソーム, reading: えくそそーむ, variants: [エキソソーム]}``);
* sequences inside mappings are indented, Unicode is written as is, long strings are never folded,
  and strings with line breaks use literal block style;
* concepts are separated by a blank line.
"""

from __future__ import annotations

import yaml

__all__ = ["FLOW_WIDTH", "dump_concepts", "dump_yaml"]

#: a mapping or list of scalars is written in flow style when its flow form fits in this many characters
FLOW_WIDTH = 100


class _Flow(dict):
    """A mapping to be written in flow style."""


class _FlowList(list):
    """A list to be written in flow style."""


class _HouseDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _dict(dumper: yaml.SafeDumper, value: dict) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


def _flow_dict(dumper: yaml.SafeDumper, value: dict) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=False)


def _flow_list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_HouseDumper.add_representer(str, _str)
_HouseDumper.add_representer(dict, _dict)
_HouseDumper.add_representer(_Flow, _flow_dict)
_HouseDumper.add_representer(list, _list)
_HouseDumper.add_representer(_FlowList, _flow_list)


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _flow_text(value) -> str:
    return yaml.dump(value, Dumper=_HouseDumper, allow_unicode=True, default_flow_style=True,
                     width=1 << 30, sort_keys=False).strip()


def _styled(value):
    """Wrap mappings and lists that should be written in flow style."""
    if isinstance(value, dict):
        inner = {k: _styled(v) for k, v in value.items()}
        simple = all(_is_scalar(v) or isinstance(v, _FlowList) for v in inner.values())
        if simple and inner and _fits(inner):
            return _Flow(inner)
        return inner
    if isinstance(value, list):
        inner = [_styled(v) for v in value]
        if inner and all(_is_scalar(v) for v in inner) and _fits(inner):
            return _FlowList(inner)
        return inner
    return value


def _fits(value) -> bool:
    if any(isinstance(v, str) and "\n" in v for v in (value.values() if isinstance(value, dict) else value)):
        return False
    return len(_flow_text(value)) <= FLOW_WIDTH


def dump_yaml(data) -> str:
    """Any plain data (mappings, lists, scalars) as YAML in the house style."""
    return yaml.dump(_styled(data), Dumper=_HouseDumper, allow_unicode=True, sort_keys=False,
                     width=1 << 30, indent=2)


def dump_concepts(concepts: list[dict]) -> str:
    """Concepts as a glossary file: a YAML list, one blank line between concepts."""
    if not concepts:
        return "[]\n"
    return "\n".join(dump_yaml([concept]) for concept in concepts)
