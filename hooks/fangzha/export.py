"""Export the print pack to PDF: every letter, handout, worksheet and answer key, plus one
combined PDF per audience, printed by headless Chromium exactly as a teacher's browser prints.

Usage: ``fangzha-export [-f mkdocs.yml] [-o export] [--site DIR]`` (see README, 「导出打印包」).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .pdftext import fix_pdf_text
from .problems import say

CHROMIUM_ENV = "FANGZHA_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ExportError(Exception):
    """A problem the user can fix, reported in one line."""


@dataclass(frozen=True)
class Job:
    """One PDF to print: the site-relative URL and the file it becomes."""

    url: str
    path: str  # relative to the output folder
    title: str
    # Classes put on <html> before printing: a lesson's slides print six to a sheet as a handout.
    classes: tuple[str, ...] = ()


def find_chromium() -> str:
    """The Chromium to print with, or a clear error saying how to get one."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        if Path(configured).exists():
            return configured
        raise ExportError(
            say(
                f"{CHROMIUM_ENV} 指向的 {configured} 不存在 → 改成 Chromium 或 Chrome 程序的完整路径，"
                f"或者删掉 {CHROMIUM_ENV}，让程序自己去找",
                f"{CHROMIUM_ENV} points at {configured}, which does not exist",
            )
        )
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        say(
            "没有找到 Chromium 浏览器，导出 PDF 要用它 → 先安装（Debian/Ubuntu：sudo apt install "
            "chromium fonts-noto-cjk），或者把环境变量 FANGZHA_CHROMIUM 设成 Chromium 或 Chrome 程序的完整路径",
            "no Chromium browser found. Install one (Debian/Ubuntu: sudo apt install chromium "
            "fonts-noto-cjk) or set FANGZHA_CHROMIUM to the path of a Chromium or Chrome executable.",
        )
    )


def jobs_from_catalog(catalog: dict) -> list[Job]:
    """Every printable page the catalog lists, and the per-audience packs."""
    jobs = []
    for page in catalog["pages"]:
        if page.get("print_url"):
            jobs.append(
                Job(page["print_url"], f"{page['kind']}s/{page['slug']}.pdf", page["title"])
            )
        if page["kind"] == "quiz":
            jobs.append(
                Job(
                    page["worksheet_url"],
                    f"worksheets/{page['slug']}.pdf",
                    page["title"] + "（练习纸）",
                )
            )
            jobs.append(
                Job(page["answers_url"], f"answers/{page['slug']}.pdf", page["title"] + "（答案）")
            )
        if page["kind"] == "lesson" and page.get("slides_url"):
            jobs.append(
                Job(
                    page["slides_url"],
                    f"slides/{page['slug']}.pdf",
                    page["title"] + "（幻灯片讲义，每页六张）",
                    ("fz-print-six",),
                )
            )
    labels = {**catalog.get("audiences", {}), **catalog.get("bands", {})}
    for group, url in catalog.get("print_packs", {}).items():
        label = labels.get(group, {}).get("label", group)
        jobs.append(Job(url, f"packs/{group.replace('_', '-')}.pdf", f"{label}打印包"))
    return jobs


def build_site(config: Path, target: Path) -> None:
    """Build the site strictly, as the README's command does."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(config),
        "-d",
        str(target),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise ExportError(
            say(
                "网站生成失败，没法导出 → 按下面的说明改正，再导出：\n",
                "the site does not build; run 'mkdocs build' to see why:\n",
            )
            + (done.stdout + done.stderr).strip()
        )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def export(
    site: Path, out: Path, chromium: str, *, report=print, packs_only: bool = False
) -> list[tuple[Path, int]]:
    """Print every job of the site's catalog to PDF in ``out``; return (file, pages) pairs.

    ``packs_only``: only the print packs (one PDF per age band and audience).
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ExportError(
            say(
                "导出 PDF 还需要 Playwright → 运行 .venv/bin/pip install -e '.[export]'",
                "the export needs Playwright: pip install -e '.[export]'",
            )
        ) from exc
    import io

    import pypdf

    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    jobs = jobs_from_catalog(catalog)
    if packs_only:
        jobs = [job for job in jobs if job.path.startswith("packs/")]
    if not catalog["site"]["url"]:
        report("注意：mkdocs.yml 没有设置 site_url，导出的 PDF 上没有二维码。")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            for number, job in enumerate(jobs, start=1):
                page.goto(base + job.url, wait_until="networkidle")
                for name in job.classes:
                    page.evaluate("name => document.documentElement.classList.add(name)", name)
                page.emulate_media(media="print")
                page.evaluate("document.fonts.ready.then(() => true)")
                data = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
                data, _ = fix_pdf_text(data)
                target = out / job.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
                written.append((target, pages))
                report(f"[{number}/{len(jobs)}] {job.path}（{pages} 页）{job.title}")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry point: build, print, report."""
    parser = argparse.ArgumentParser(
        prog="fangzha-export", description="把全部打印材料导出为 PDF（A4）。"
    )
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        type=Path,
        help="站点设置文件（默认 mkdocs.yml）",
    )
    parser.add_argument(
        "-o", "--out", default="export", type=Path, help="输出文件夹（默认 export/）"
    )
    parser.add_argument("--site", type=Path, help="使用已经生成好的站点文件夹，不重新生成")
    args = parser.parse_args(argv)
    try:
        chromium = find_chromium()
        if args.out.exists():
            shutil.rmtree(args.out)
        with tempfile.TemporaryDirectory(prefix="fangzha-export-") as tmp:
            site = args.site
            if site is None:
                print("正在生成站点……")
                site = Path(tmp) / "site"
                build_site(args.config_file, site)
            if not (site / "catalog.json").is_file():
                raise ExportError(
                    say(
                        f"{site} 里没有 catalog.json，不是生成好的网站 → 先生成网站，或者去掉 --site",
                        f"{site} has no catalog.json; build the site first",
                    )
                )
            written = export(site, args.out, chromium)
    except ExportError as exc:
        print(say(f"fangzha-export：错误：{exc}", f"fangzha-export: error: {exc}"), file=sys.stderr)
        return 2
    total = sum(pages for _, pages in written)
    print(f"完成：{len(written)} 个 PDF，共 {total} 页，保存在 {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
