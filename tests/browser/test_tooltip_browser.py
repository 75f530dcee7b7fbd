"""In a real browser: a linked term leads to an existing anchor and shows its definition on hover and focus.

The site is built with ``sphinx.testing`` and opened in headless Chromium, driven through the Chrome
DevTools protocol over a pipe (``--remote-debugging-pipe``: JSON messages ending in a NUL byte on file
descriptors 3 and 4), so no driver package is needed. Skipped when no Chromium is installed.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "chromium", "chromium-browser",
                  "google-chrome", "google-chrome-stable"]
    for candidate in candidates:
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent.parent / "roots"


class DevToolsError(RuntimeError):
    pass


class Browser:
    """Headless Chromium with one page, driven over the DevTools pipe."""

    def __init__(self, executable: str, profile: Path, timeout: float = 30.0) -> None:
        self.timeout = timeout
        to_browser_r, self._write = os.pipe()
        self._read, from_browser_w = os.pipe()
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--no-default-browser-check", f"--user-data-dir={profile}", "--remote-debugging-pipe",
                "--window-size=1200,900", "about:blank"]
        # the browser expects the pipe on file descriptors 3 (commands) and 4 (replies): a small trampoline
        # puts them there (dup2 also makes them inheritable) and becomes the browser
        trampoline = "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); " \
                     "os.execv(sys.argv[3], sys.argv[3:])"
        self.process = subprocess.Popen(
            [sys.executable, "-c", trampoline, str(to_browser_r), str(from_browser_w), executable, *args],
            pass_fds=(to_browser_r, from_browser_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (DevToolsError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DevToolsError("no reply from the browser")
            ready, _, _ = select.select([self._read], [], [], remaining)
            if ready:
                chunk = os.read(self._read, 1 << 16)
                if not chunk:
                    raise DevToolsError("the browser closed the pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)
        self.wait_for(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")

    def hover(self, x: float, y: float) -> None:
        self.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)


@pytest.fixture
def browser(tmp_path: Path):
    assert CHROMIUM is not None
    instance = Browser(CHROMIUM, tmp_path / "profile")
    try:
        yield instance
    finally:
        instance.close()


TOOLTIP = """(() => {
  const tip = document.getElementById('exerkine-tooltip');
  if (!tip || tip.hidden || getComputedStyle(tip).display === 'none') return null;
  const box = tip.getBoundingClientRect();
  return {text: tip.textContent, width: box.width, height: box.height, role: tip.getAttribute('role'),
          elements: tip.children.length};
})()"""


def term_box(browser: Browser, concept: str) -> dict:
    return browser.evaluate(f"""(() => {{
      const link = document.querySelector('a.exerkine-term[href$="#term-{concept}"]');
      link.scrollIntoView({{block: 'center'}});
      const box = link.getBoundingClientRect();
      return {{x: box.left + box.width / 2, y: box.top + box.height / 2, href: link.href,
               describedby: link.getAttribute('aria-describedby'), title: link.getAttribute('title')}};
    }})()""")


@pytest.mark.sphinx("html", testroot="exerkine-ja", freshenv=True)
def test_term_links_to_its_anchor_and_shows_its_definition(app, browser: Browser) -> None:
    app.build()
    browser.open((app.outdir / "usage.html").as_uri())
    browser.wait_for("document.documentElement.classList.contains('exerkine-js')")
    assert browser.evaluate(TOOLTIP) is None

    term = term_box(browser, "exosome")
    assert term["describedby"] == "exerkine-tooltip"
    assert term["title"] is None  # moved away from the browser's own tooltip
    browser.hover(term["x"], term["y"])
    shown = browser.wait_for(TOOLTIP)
    assert shown["text"] == "多胞体の内腔小胞が細胞外へ放出されたもの。"
    assert shown["role"] == "tooltip" and shown["width"] > 0 and shown["height"] > 0

    browser.hover(5, 5)  # away: hidden again
    browser.wait_for(f"{TOOLTIP} === null")

    # keyboard focus shows it too
    browser.evaluate("document.querySelector('a.exerkine-term[href$=\"#term-myokine\"]').focus()")
    assert browser.wait_for(TOOLTIP)["text"] == "収縮する骨格筋が産生し放出する因子。"

    # the link leads to an entry that exists, with the term in it
    assert term["href"].endswith("/glossary.html#term-exosome")
    browser.open(term["href"])
    entry = browser.evaluate("""(() => {
      const target = document.getElementById(location.hash.slice(1));
      return target && {tag: target.tagName, text: target.textContent};
    })()""")
    assert entry is not None and entry["tag"] == "DT"
    assert "エクソソーム" in entry["text"] and "exosome" in entry["text"]


@pytest.mark.sphinx("html", testroot="exerkine-escape", freshenv=True)
def test_markup_in_a_definition_is_shown_as_text(app, browser: Browser) -> None:
    app.build()
    browser.open((app.outdir / "index.html").as_uri())
    browser.wait_for("document.documentElement.classList.contains('exerkine-js')")
    browser.evaluate("window.alert = () => { window.__alerted = true; }")
    term = term_box(browser, "tricky")
    browser.hover(term["x"], term["y"])
    shown = browser.wait_for(TOOLTIP)
    assert shown["text"] == "<script>alert('en')</script> & \"quoted\" <b>bold</b>"
    assert shown["elements"] == 0  # text only, no element was created from it
    assert browser.evaluate("window.__alerted === true") is False
    assert browser.evaluate("document.querySelectorAll('body b, body i').length") == 0
