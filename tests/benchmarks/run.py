"""Benchmarks and budgets: this site against a plain Material build of the same Markdown.

Run:  .venv/bin/python tests/benchmarks/run.py [--update-readme] [--rounds 5]

Everything is measured in one run on this machine, alternating the two builds, and reported
as medians and ratios (machines here are noisy: compare ratios, not seconds). Exits non-zero
when a budget in BUDGETS is broken. Not part of the timed test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, for conftest's browser flags
sys.path.insert(0, str(HERE))

from synthetic import ROOT, add_scam_pages, copy_project, plain_material_config  # noqa: E402

SITE_URL = "https://www.example-school.cn/fanzha/"
PAGE_KINDS = {
    "home": "",
    "scam": "scams/shuadan/",
    "quiz": "quizzes/jiazhang/",
    "letter": "letters/jiazhang/",
    "handout": "handouts/posters/",
}
BUDGETS = {
    "first_visit_kb": {"scam": 100, "quiz": 120},
    "build_ratio": 1.5,
    "serve_ratio": 1.2,  # rebuild after saving one page, under `mkdocs serve`
    "growth_exponent": 1.15,  # t ∝ n^k; k close to 1 is linear
    # fangzha-variants: wall time per branded variant, against one ordinary clean build
    "variant_ratio": 0.5,
    "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def log(message: str) -> None:
    print(message, flush=True)


def mkdocs(project: Path, config: str, site: Path) -> float:
    """One clean build; return its wall time in seconds."""
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(project / config),
            "-d",
            str(site),
        ],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0 and config != "mkdocs.plain.yml":
        raise SystemExit(f"build failed:\n{done.stdout}{done.stderr}")
    return elapsed


# -- builds -----------------------------------------------------------------------------------


def bench_builds(project: Path, rounds: int) -> dict:
    ours, plain = [], []
    mkdocs(project, "mkdocs.yml", project / "warm")  # warm jieba's cache and the OS file cache
    for _ in range(rounds):
        ours.append(mkdocs(project, "mkdocs.yml", project / "s-ours"))
        plain.append(mkdocs(project, "mkdocs.plain.yml", project / "s-plain"))
    result = {"ours": statistics.median(ours), "plain": statistics.median(plain)}
    result["ratio"] = result["ours"] / result["plain"]
    log(
        f"clean build: ours {result['ours']:.2f} s, plain Material {result['plain']:.2f} s, ratio {result['ratio']:.2f}"
    )
    return result


# -- branded variants ---------------------------------------------------------------------------


def variants_list(count: int) -> str:
    """A district's list of ``count`` organisations, as fangzha-variants reads it."""
    lines = ["代号,单位名称,简称,类型,电话,地址,派出所,派出所电话,网址"]
    for i in range(1, count + 1):
        lines.append(
            f"school-{i:03d},示例区第{i}实验学校,实验{i}校,学校,0571-8765{i:04d},"
            f"示例区示例路 {i} 号,示例区第{i}派出所,0571-8766{i:04d},"
            f"https://fz.example.edu.cn/school-{i:03d}/"
        )
    return "\n".join(lines) + "\n"


def run_variants(project: Path, out: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fangzha.variants", "orgs.csv", "-o", str(out)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"fangzha-variants failed:\n{done.stdout}{done.stderr}")
    return elapsed, done.stderr


def bench_variants(project: Path, count: int) -> dict:
    """Build ``count`` branded variants on every core, bracketed by two ordinary clean builds
    (the reference), then run again with nothing changed, then with one row changed."""
    (project / "orgs.csv").write_text(variants_list(count), encoding="utf-8")
    out = project / "variants"
    shutil.rmtree(out, ignore_errors=True)
    before = mkdocs(project, "mkdocs.yml", project / "s-ref")
    batch, _ = run_variants(project, out)
    after = mkdocs(project, "mkdocs.yml", project / "s-ref")
    clean = (before + after) / 2
    rerun, said = run_variants(project, out)
    assert f"{count} 个单位的名单和内容都没有变" in said, said
    text = (project / "orgs.csv").read_text(encoding="utf-8")
    (project / "orgs.csv").write_text(
        text.replace("示例路 1 号", "示例路 101 号", 1), encoding="utf-8"
    )
    one, said = run_variants(project, out)
    assert "[1/1]" in said, said
    result = {
        "variants": count,
        "jobs": os.cpu_count(),
        "batch_s": batch,
        "per_variant_s": batch / count,
        "clean_s": clean,
        "ratio": batch / count / clean,
        "rerun_s": rerun,
        "one_changed_s": one,
    }
    log(
        f"variants: {count} in {batch:.1f} s on {result['jobs']} processes, "
        f"{result['per_variant_s']:.2f} s each; clean build {clean:.2f} s; ratio {result['ratio']:.2f}; "
        f"rerun {rerun:.1f} s; one row changed {one:.1f} s"
    )
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_serve(project: Path, rounds: int) -> dict:
    """Time from saving one page to `mkdocs serve` serving the new text.

    Both servers run side by side, each on its own copy of the project, and the rounds
    alternate (ours, plain, ours …), so that a change in the machine's load between rounds
    weighs on both alike. Each server is idle while the other rebuilds.
    """
    plain_project = project.parent / f"{project.name}-serve-plain"
    shutil.rmtree(plain_project, ignore_errors=True)
    shutil.copytree(project, plain_project, ignore=shutil.ignore_patterns("s-*", "site*"))
    servers = {}
    try:
        for name, where, config in (
            ("ours", project, "mkdocs.yml"),
            ("plain", plain_project, "mkdocs.plain.yml"),
        ):
            port = free_port()
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "serve",
                    "-f",
                    str(where / config),
                    "-a",
                    f"127.0.0.1:{port}",
                ],
                cwd=where,
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            page = where / "docs/scams/shuadan.md"
            servers[name] = (
                process,
                f"http://127.0.0.1:{port}/scams/shuadan/",
                page,
                page.read_text(encoding="utf-8"),
            )
        for _, url, _, _ in servers.values():
            wait_for(url, lambda body: True, 120)
        times = {name: [] for name in servers}
        for n in range(rounds):
            for name, (_, url, page, original) in servers.items():
                marker = f"基准测试标记{name}{n}"
                time.sleep(1.2)  # let the watcher settle after the previous build
                start = time.perf_counter()
                page.write_text(original.replace("放暑假的初二学生", marker, 1), encoding="utf-8")
                wait_for(url, lambda body, m=marker: m in body, 90)
                times[name].append(time.perf_counter() - start)
    finally:
        for process, _, page, original in servers.values():
            page.write_text(original, encoding="utf-8")
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(plain_project, ignore_errors=True)
    result = {name: statistics.median(values) for name, values in times.items()}
    result["ratio"] = result["ours"] / result["plain"]
    log(
        f"rebuild after editing one page (mkdocs serve): ours {result['ours']:.2f} s, plain {result['plain']:.2f} s, ratio {result['ratio']:.2f}"
    )
    return result


def wait_for(url: str, check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if check(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


def bench_growth(sizes: list[int], work: Path) -> dict:
    """Build time and search index size as the site grows; fit t = a·n^k."""
    points = []
    for n in sizes:
        project = copy_project(work / f"grow-{n}")
        add_scam_pages(project, n)
        seconds = mkdocs(project, "mkdocs.yml", project / "site")
        index = (project / "site/search/search_index.json").read_bytes()
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        points.append(
            {
                "scam_pages": n,
                "pages": pages,
                "seconds": seconds,
                "index_kb": len(index) / 1024,
                "index_gzip_kb": len(gzip.compress(index, 6)) / 1024,
            }
        )
        log(
            f"growth: {n} extra scam pages ({pages} pages) built in {seconds:.1f} s; "
            f"search index {points[-1]['index_kb']:.0f} KB, {points[-1]['index_gzip_kb']:.0f} KB gzip"
        )
        shutil.rmtree(project)
    # Least squares on logs gives the exponent k in t = a·n^k (1 = linear).
    xs = [__import__("math").log(p["pages"]) for p in points]
    ys = [__import__("math").log(p["seconds"]) for p in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    exponent = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    per_page = [
        (b["seconds"] - a["seconds"]) / (b["pages"] - a["pages"]) * 1000
        for a, b in zip(points, points[1:], strict=False)
    ]
    log(
        f"growth exponent k = {exponent:.2f} (1.00 is linear); ms per added page: {', '.join(f'{v:.0f}' for v in per_page)}"
    )
    return {"points": points, "exponent": exponent, "ms_per_page": per_page}


# -- what a phone downloads -------------------------------------------------------------------


class Nginx:
    """nginx with the README's configuration, logging the bytes it sends for each request."""

    def __init__(self, site: Path, work: Path):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        server = re.search(r"<!-- test:nginx -->\n```nginx\n(.*?)\n```", readme, re.S).group(1)
        self.port = free_port()
        server = server.replace("listen 80;", f"listen 127.0.0.1:{self.port};").replace(
            "/var/www/fangzha/site/", f"{site}/"
        )
        self.prefix = work / "nginx"
        self.prefix.mkdir(exist_ok=True)
        self.log = self.prefix / "bytes.log"
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"  {n}_temp_path {self.prefix}/{n};"
            for n in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.prefix / "nginx.conf").write_text(
            f"{user}daemon off;\npid {self.prefix}/nginx.pid;\nerror_log {self.prefix}/error.log;\nevents {{}}\n"
            f"http {{\n  include /etc/nginx/mime.types;\n  log_format bytes '$status $bytes_sent $request_uri';\n"
            f"  access_log {self.log} bytes;\n{temp}\n{server}\n}}\n"
        )
        self.process = subprocess.Popen(
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-c",
                str(self.prefix / "nginx.conf"),
                "-p",
                str(self.prefix),
            ]
        )
        self.base = f"http://127.0.0.1:{self.port}/fanzha/"
        wait_for(self.base, lambda body: True, 20)

    def bytes_since(self, offset: int) -> tuple[int, int, list[str]]:
        """Bytes sent and requests served since a log offset (nginx writes the log line per request)."""
        text = self.log.read_text(encoding="utf-8")[offset:]
        lines = [line.split() for line in text.splitlines() if line.strip()]
        return sum(int(b) for _, b, _ in lines), len(lines), [f"{s} {u}" for s, _, u in lines]

    def offset(self) -> int:
        return len(self.log.read_text(encoding="utf-8")) if self.log.exists() else 0

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def launch_browser(playwright):
    from conftest import CHROMIUM_FLAGS

    executable = (
        os.environ.get("FANGZHA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    )
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)


def bench_transfer(nginx: Nginx, browser) -> dict:
    """First-visit and repeat-visit bytes (compressed, as nginx sent them) for each page kind."""
    result = {}
    for kind, url in PAGE_KINDS.items():
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, extra_http_headers={"Accept-Encoding": "gzip"}
        )
        page = context.new_page()
        start = nginx.offset()
        page.goto(nginx.base + url, wait_until="networkidle")
        page.wait_for_timeout(500)
        first, requests, _ = nginx.bytes_since(start)
        start = nginx.offset()
        page.goto(nginx.base + url, wait_until="networkidle")
        page.wait_for_timeout(500)
        repeat, repeat_requests, _ = nginx.bytes_since(start)
        context.close()
        result[kind] = {
            "first_kb": first / 1024,
            "requests": requests,
            "repeat_kb": repeat / 1024,
            "repeat_requests": repeat_requests,
        }
        log(
            f"transfer {kind:8s}: first visit {first / 1024:6.1f} KB in {requests} requests; repeat visit {repeat / 1024:5.1f} KB in {repeat_requests}"
        )
    return result


def bench_search(nginx: Nginx, browser, site: Path, rounds: int) -> dict:
    """Index size, and the time from opening the page to the first result for a query."""
    index = (site / "search/search_index.json").read_bytes()
    times = []
    for _ in range(rounds):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(nginx.base + "scams/shuadan/", wait_until="domcontentloaded")
        page.locator("label[for=__search]").first.click()
        box = page.locator("input[data-md-component=search-query]")
        box.fill("安全账户")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=30000)
        times.append(time.perf_counter() - start)
        context.close()
    result = {
        "index_kb": len(index) / 1024,
        "index_gzip_kb": len(gzip.compress(index, 6)) / 1024,
        "first_result_s": statistics.median(times),
    }
    log(
        f"search index {result['index_kb']:.0f} KB ({result['index_gzip_kb']:.0f} KB gzip); "
        f"page open to first result {result['first_result_s'] * 1000:.0f} ms (median of {rounds})"
    )
    return result


def bench_export(site: Path, work: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fangzha.export", "--site", str(site), "-o", str(work / "export")],
        capture_output=True,
        text=True,
        env=ENV,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    files = list((work / "export").rglob("*.pdf"))
    result = {"pdfs": len(files), "seconds": elapsed, "per_pdf_s": elapsed / len(files)}
    log(f"PDF export: {len(files)} PDFs in {elapsed:.1f} s, {result['per_pdf_s']:.2f} s each")
    return result


def bench_lighthouse(nginx: Nginx, browser_path: str) -> dict | None:
    binary = ROOT / "node_modules/.bin/lighthouse"
    if not binary.exists():
        log("Lighthouse: not installed (npm install), skipped")
        return None
    result = {}
    for kind, url in PAGE_KINDS.items():
        done = subprocess.run(
            [
                str(binary),
                nginx.base + url,
                "--quiet",
                "--output=json",
                "--form-factor=mobile",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run",
            ],
            capture_output=True,
            text=True,
            env={**ENV, "CHROME_PATH": browser_path},
            timeout=240,
        )
        if done.returncode != 0:
            log(f"Lighthouse failed on {kind}: {done.stderr[-400:]}")
            return None
        report = json.loads(done.stdout)
        result[kind] = {
            name: round(cat["score"] * 100) for name, cat in report["categories"].items()
        }
        log(f"Lighthouse {kind:8s}: " + ", ".join(f"{k} {v}" for k, v in result[kind].items()))
    return result


def html_validity(site: Path) -> dict | None:
    jar = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
    if not jar.exists() or not shutil.which("java"):
        log("Nu HTML Checker: not installed (npm install, and Java), skipped")
        return None
    sys.path.insert(0, str(HERE.parent))
    from htmlcheck import check_site

    report = check_site(site, jar)
    log(
        f"Nu HTML Checker: {report['pages']} pages; {len(report['own'])} errors from our markup, "
        f"{len(report['theme'])} kinds inherited from the theme (listed in the README)"
    )
    return report


# -- report -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def check_budgets(results: dict) -> list[str]:
    broken = []
    for kind, limit in BUDGETS["first_visit_kb"].items():
        got = results["transfer"][kind]["first_kb"]
        if got > limit:
            broken.append(f"first visit of a {kind} page is {got:.1f} KB, budget {limit} KB")
    if results["build"]["ratio"] > BUDGETS["build_ratio"]:
        broken.append(
            f"build takes {results['build']['ratio']:.2f}× plain Material, budget {BUDGETS['build_ratio']}×"
        )
    if results["serve"]["ratio"] > BUDGETS["serve_ratio"]:
        broken.append(
            f"a rebuild under mkdocs serve takes {results['serve']['ratio']:.2f}× plain Material, budget {BUDGETS['serve_ratio']}×"
        )
    if results["variants"]["ratio"] > BUDGETS["variant_ratio"]:
        broken.append(
            f"a branded variant takes {results['variants']['ratio']:.2f}× a clean build, budget {BUDGETS['variant_ratio']}×"
        )
    if results["growth"]["exponent"] > BUDGETS["growth_exponent"]:
        broken.append(
            f"build time grows as n^{results['growth']['exponent']:.2f}, budget n^{BUDGETS['growth_exponent']}"
        )
    if results.get("lighthouse"):
        for kind, scores in results["lighthouse"].items():
            for category, minimum in BUDGETS["lighthouse"].items():
                if scores.get(category, 0) < minimum:
                    broken.append(
                        f"Lighthouse {category} on the {kind} page is {scores.get(category)}, budget {minimum}"
                    )
    if results.get("html") and results["html"]["own"]:
        broken.append(
            f"the Nu HTML Checker finds {len(results['html']['own'])} errors in our markup"
        )
    return broken


def table(results: dict) -> str:
    b, s, g, t, q, e = (
        results[k] for k in ("build", "serve", "growth", "transfer", "search", "export")
    )
    rows = [
        f"_Measured {results['date']} on {results['machine']}; medians of {results['rounds']} alternating rounds. "
        "Regenerate with `.venv/bin/python tests/benchmarks/run.py --update-readme`._",
        "",
        "| measure | 防诈课堂 | plain Material | ratio / budget |",
        "|---|---:|---:|---|",
        f"| clean build | {b['ours']:.2f} s | {b['plain']:.2f} s | {b['ratio']:.2f}× (budget ≤ {BUDGETS['build_ratio']}×) |",
        f"| rebuild after editing one page (`mkdocs serve`) | {s['ours']:.2f} s | {s['plain']:.2f} s | {s['ratio']:.2f}× (budget ≤ {BUDGETS['serve_ratio']}×) |",
    ]
    v = results["variants"]
    rows += [
        f"| branded variants (`fangzha-variants`, {v['variants']} organisations, {v['jobs']} processes) "
        f"| {v['per_variant_s']:.2f} s per variant ({v['batch_s']:.0f} s in all) | clean build {v['clean_s']:.2f} s "
        f"| {v['ratio']:.2f}× (budget ≤ {BUDGETS['variant_ratio']}×) |",
        f"| variants again, nothing changed / one row changed | {v['rerun_s']:.1f} s / {v['one_changed_s']:.1f} s | | "
        "rebuilds nothing / one variant |",
    ]
    for p in g["points"]:
        rows.append(
            f"| build with {p['scam_pages']} extra scam pages ({p['pages']} pages) | {p['seconds']:.1f} s | | search index {p['index_gzip_kb']:.0f} KB gzip |"
        )
    rows.append(
        f"| growth of build time | n^{g['exponent']:.2f} | | budget ≤ n^{BUDGETS['growth_exponent']} (linear) |"
    )
    for kind, v in t.items():
        budget = BUDGETS["first_visit_kb"].get(kind)
        rows.append(
            f"| first visit, {kind} page (gzip, all requests) | {v['first_kb']:.1f} KB ({v['requests']} requests) | | "
            + (f"budget ≤ {budget} KB" if budget else "")
            + f"; repeat visit {v['repeat_kb']:.1f} KB |"
        )
    rows.append(f"| search index | {q['index_kb']:.0f} KB ({q['index_gzip_kb']:.0f} KB gzip) | | |")
    rows.append(
        f"| page open to first search result (Chromium) | {q['first_result_s'] * 1000:.0f} ms | | |"
    )
    if e:
        rows.append(f"| PDF export | {e['per_pdf_s']:.2f} s per PDF ({e['pdfs']} PDFs) | | |")
    if results.get("lighthouse"):
        for kind, scores in results["lighthouse"].items():
            rows.append(
                f"| Lighthouse mobile, {kind} | "
                + " / ".join(str(scores.get(c, "–")) for c in BUDGETS["lighthouse"])
                + " | | performance / accessibility / best practices / SEO |"
            )
    else:
        rows.append("| Lighthouse | not run (not installed) | | |")
    if results.get("html"):
        rows.append(
            f"| Nu HTML Checker errors in our markup | {len(results['html']['own'])} | | theme: {len(results['html']['theme'])} kinds, see below |"
        )
    broken = results["broken"]
    rows += [
        "",
        "Budgets: " + ("all hold." if not broken else "broken — " + "; ".join(broken) + "."),
    ]
    return "\n".join(rows)


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in content:
        raise SystemExit("README.md has no <!-- bench:start --> marker")
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="100,500,2000", help="synthetic scam pages to add")
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--variants", type=int, default=40, help="branded variants to build")
    parser.add_argument(
        "--variants-only", action="store_true", help="only the branded variants measurement"
    )
    parser.add_argument("--growth-only", action="store_true", help="only the growth measurement")
    parser.add_argument(
        "--serve-only", action="store_true", help="only the rebuild under mkdocs serve"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one quick round of everything, budgets reported but not enforced (the test suite runs this)",
    )
    args = parser.parse_args()
    if args.smoke:
        args.rounds, args.sizes, args.update_readme, args.variants = 1, "5,10", False, 2
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {"date": dt.date.today().isoformat(), "machine": machine(), "rounds": args.rounds}
    began = time.perf_counter()
    from playwright.sync_api import sync_playwright

    if args.growth_only:
        with tempfile.TemporaryDirectory(prefix="fangzha-bench-") as tmp:
            growth = bench_growth(sizes, Path(tmp))
        return 1 if growth["exponent"] > BUDGETS["growth_exponent"] else 0
    if args.variants_only:
        with tempfile.TemporaryDirectory(prefix="fangzha-bench-") as tmp:
            project = copy_project(Path(tmp) / "project")
            variants = bench_variants(project, args.variants)
        return 1 if variants["ratio"] > BUDGETS["variant_ratio"] else 0
    if args.serve_only:
        with tempfile.TemporaryDirectory(prefix="fangzha-bench-") as tmp:
            project = copy_project(Path(tmp) / "project")
            plain_material_config(project)
            serve = bench_serve(project, args.rounds)
        return 1 if serve["ratio"] > BUDGETS["serve_ratio"] else 0
    with tempfile.TemporaryDirectory(prefix="fangzha-bench-") as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        plain_material_config(project)
        results["build"] = bench_builds(project, args.rounds)
        results["serve"] = bench_serve(project, 1 if args.smoke else max(3, args.rounds // 2))
        results["variants"] = bench_variants(project, args.variants)
        results["growth"] = bench_growth(sizes, work)
        published = copy_project(work / "published")
        text = (published / "mkdocs.yml").read_text(encoding="utf-8")
        (published / "mkdocs.yml").write_text(
            text.replace("# site_url: https://www.example.cn/fanzha/", f"site_url: {SITE_URL}"),
            encoding="utf-8",
        )
        mkdocs(published, "mkdocs.yml", published / "site")
        site = published / "site"
        nginx = Nginx(site, work)
        try:
            with sync_playwright() as p:
                browser = launch_browser(p)
                results["transfer"] = bench_transfer(nginx, browser)
                results["search"] = bench_search(nginx, browser, site, args.rounds)
                browser.close()
            chromium = (
                os.environ.get("FANGZHA_CHROMIUM")
                or shutil.which("chromium")
                or "/usr/bin/chromium"
            )
            results["lighthouse"] = None if args.smoke else bench_lighthouse(nginx, chromium)
        finally:
            nginx.close()
        # The smoke round leaves out the two slow ones; the test suite covers both directly.
        results["export"] = None if args.smoke else bench_export(site, work)
        results["html"] = None if args.smoke else html_validity(site)
    results["broken"] = check_budgets(results)
    report = table(results)
    log("\n" + report)
    log(f"\n(runner took {time.perf_counter() - began:.0f} s)")
    if args.smoke:
        # A quick round on a busy machine says nothing about budgets: it only shows that every
        # measurement runs. It writes nothing into the checkout.
        return 0
    if args.update_readme:
        update_readme(report)
    (ROOT / "tests/benchmarks/results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    return 1 if results["broken"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
