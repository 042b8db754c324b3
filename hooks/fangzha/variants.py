"""``fangzha-variants``: the same site branded for many organisations, built in parallel.

    fangzha-variants orgs.xlsx [-f mkdocs.yml] [-o variants] [--jobs N] [--shard K/N] [--pdf]
                     [--base-url https://fz.example.edu.cn/]

Every row of the list (:mod:`fangzha.orgs`) becomes ``OUT/<代号>/site/``: the whole site with
that organisation's name, phone, address and police station, its QR codes leading to its own
address, and ``download/fangzha-offline.zip`` for USB sticks; with ``--pdf``, its print packs in
``OUT/<代号>/pdf/``. ``OUT/index.html`` lists every organisation with its links and downloads.

What every variant shares is paid once per process: imports, jieba's dictionary, the content's
reading (pages that name no setting are read once). Each variant is one render of the offline
configuration, published as it is (see :class:`fangzha.pipeline.Bundle`). A variant is built
again only when its row, the content, the theme or this program changed: each output folder
keeps the key it was built from.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import json
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import pipeline
from .orgs import OrgList, OrgRow, read_orgs, shard
from .publish import source_fingerprint

STAMP = ".fangzha-variant.json"
SLUGS = "slugs.txt"
SITE = "site"
PDF = "pdf"


@dataclass(frozen=True)
class Job:
    """One organisation's variant: what to build and where."""

    row: OrgRow
    out: Path  # OUT/<slug>
    config_file: Path  # the offline configuration it is rendered from
    key: str  # what it is built from (content, program, row)

    @property
    def site_dir(self) -> Path:
        return self.out / SITE

    @property
    def zip_path(self) -> Path:
        return self.out / "offline.zip.part"


@dataclass
class Outcome:
    slug: str
    ok: bool
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


Engine = Callable[[Job], list[str]]


def mkdocs_engine(job: Job) -> list[str]:
    """Render a variant with MkDocs in this process (the default engine)."""
    from .mkdocs_glue import EngineFailed, render_variant

    try:
        return render_variant(
            job.config_file,
            job.row.org,
            job.row.site_url,
            job.site_dir,
            job.zip_path,
            tuple((uri, Path(path)) for uri, path in job.row.files),
        )
    except EngineFailed as failed:
        raise VariantFailed(failed.messages) from None


class VariantFailed(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


# -- what is built from what ---------------------------------------------------------------


def content_key(config_file: Path, offline_file: Path) -> str:
    """A hash of everything every variant is built from: the pages, the theme, both settings
    files, this program's own code and the versions of MkDocs, Material and pymdownx."""
    raw = pipeline.raw_config(config_file)
    digest = hashlib.sha256()
    digest.update(source_fingerprint(raw.config_file.parent, raw.docs_dir, raw.theme_dir).encode())
    digest.update(offline_file.read_bytes())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for hook in sorted((raw.config_file.parent / "hooks").glob("*.py")):
        digest.update(hook.read_bytes())
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jieba"):
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{name}={version(name)}".encode())
    return digest.hexdigest()


def job_key(content: str, row: OrgRow) -> str:
    return hashlib.sha256(f"{content}\n{row.key()}".encode()).hexdigest()


def read_stamp(out: Path) -> dict:
    try:
        data = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def up_to_date(job: Job) -> bool:
    """Built from the same content and row, and still all there."""
    return (
        read_stamp(job.out).get("key") == job.key
        and (job.site_dir / "index.html").is_file()
        and (job.site_dir / pipeline.DOWNLOAD_PATH).is_file()
    )


def write_stamp(job: Job, **extra) -> None:
    data = {"key": job.key, "name": job.row.name, "slug": job.row.slug, **extra}
    (job.out / STAMP).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# -- building ------------------------------------------------------------------------------


def build_one(job: Job, engine: Engine) -> Outcome:
    """Render one variant into a fresh folder; a failed one leaves nothing half-written."""
    started = time.perf_counter()
    if job.out.exists():
        shutil.rmtree(job.out)
    job.out.mkdir(parents=True)
    try:
        messages = engine(job)
    except VariantFailed as failed:
        shutil.rmtree(job.out, ignore_errors=True)
        return Outcome(job.row.slug, False, time.perf_counter() - started, failed.messages)
    except Exception as exc:  # a bug must not take the other variants down with it
        shutil.rmtree(job.out, ignore_errors=True)
        return Outcome(
            job.row.slug, False, time.perf_counter() - started, [f"{type(exc).__name__}: {exc}"]
        )
    write_stamp(job)
    return Outcome(job.row.slug, True, time.perf_counter() - started, messages)


_ENGINE: Engine | None = None


def _quiet() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the workers, no traceback each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_start(engine: Engine) -> None:
    global _ENGINE
    _ENGINE = engine
    _quiet()
    _warm_up()


def _worker_build(job: Job) -> Outcome:
    return build_one(job, _ENGINE or mkdocs_engine)


def _warm_up() -> None:
    from .mkdocs_glue import warm_up

    warm_up()


def _context():
    # fork shares what the parent loaded; where there is none (Windows, macOS), spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _each(items: list, workers: int, here: Callable, there: Callable, start=_quiet, args=()):
    """``here(item)`` for each item in this process (one worker), or ``there(item)`` on
    ``workers`` processes started with ``start(*args)``; yields the results as each ends."""
    if max(1, min(workers, len(items))) == 1:
        yield from map(here, items)
        return
    pool = _context().Pool(min(workers, len(items)), initializer=start, initargs=args)
    try:
        yield from pool.imap_unordered(there, items, chunksize=1)
    except BaseException:
        pool.terminate()  # Ctrl-C: stop the workers now; a half-built folder has no stamp
        raise
    pool.close()
    pool.join()


def build_all(
    jobs: list[Job],
    workers: int,
    engine: Engine = mkdocs_engine,
    report: Callable[[Outcome, int, int, float], None] | None = None,
) -> list[Outcome]:
    """Build the jobs on ``workers`` processes (1: in this process), reporting each as it ends."""
    outcomes = []
    started = time.perf_counter()
    if workers == 1 or len(jobs) == 1 or _context().get_start_method() == "fork":
        _warm_up()  # here, or before the workers fork; spawned workers warm up themselves
    results = _each(
        jobs, workers, lambda job: build_one(job, engine), _worker_build, _worker_start, (engine,)
    )
    for outcome in results:
        outcomes.append(outcome)
        if report:
            report(outcome, len(outcomes), len(jobs), time.perf_counter() - started)
    return outcomes


# -- the index page ------------------------------------------------------------------------


def _pack_labels(site: Path) -> dict[str, str]:
    """A print pack's file name → what a teacher calls it (小学 1–3 年级, 家长 …)."""
    try:
        catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    groups = {**catalog.get("audiences", {}), **catalog.get("bands", {})}
    return {
        group.replace("_", "-"): (groups.get(group) or {}).get("label", group)
        for group in catalog.get("print_packs", {})
    }


def index_html(listing: OrgList, out: Path, *, pdf: bool, problems: dict[int, list[str]]) -> str:
    """OUT/index.html: every organisation with its site, offline zip and print packs."""
    rows = []
    for row in listing.rows:
        local = f"{row.slug}/{SITE}/index.html"
        zip_link = f"{row.slug}/{SITE}/{pipeline.DOWNLOAD_PATH}"
        built = (out / row.slug / SITE / "index.html").is_file()
        links = []
        if row.site_url:
            links.append(f'<a href="{html.escape(row.site_url)}">{html.escape(row.site_url)}</a>')
        if built:
            links.append(f'<a href="{html.escape(local)}">本地预览</a>')
        downloads = []
        if built:
            downloads.append(f'<a href="{html.escape(zip_link)}" download>离线版（zip）</a>')
        if pdf and (out / row.slug / PDF).is_dir():
            labels = _pack_labels(out / row.slug / SITE)
            order = list(labels)  # the catalog's order: age bands, then audiences
            found = sorted(
                (out / row.slug / PDF).rglob("*.pdf"),
                key=lambda path: (
                    order.index(path.stem) if path.stem in order else len(order),
                    path.name,
                ),
            )
            for path in found:
                rel = path.relative_to(out).as_posix()
                label = labels.get(path.stem, path.stem)
                downloads.append(
                    f'<a href="{html.escape(rel)}">{html.escape(label)}打印包（PDF）</a>'
                )
        state = "" if built else '<span class="missing">本机没有生成（可能在其他机器上生成）</span>'
        org = row.org
        rows.append(
            "<tr>"
            f"<td><strong>{html.escape(org['name'])}</strong><br><small>{html.escape(row.slug)}"
            f" · 第 {row.line} 行</small></td>"
            f"<td>{html.escape(org.get('phone', ''))}<br><small>{html.escape(org.get('address', ''))}</small></td>"
            f"<td>{html.escape(org.get('police', {}).get('name', ''))}<br>"
            f"<small>{html.escape(org.get('police', {}).get('phone', ''))}</small></td>"
            f"<td>{'<br>'.join(links) or state}</td>"
            f"<td>{'<br>'.join(downloads) or state}</td>"
            "</tr>"
        )
    failed = "".join(
        f"<li>第 {line} 行<ul>{''.join(f'<li>{html.escape(m)}</li>' for m in messages)}</ul></li>"
        for line, messages in sorted(problems.items())
    )
    failed_block = (
        f'<section class="failed"><h2>没有生成的单位（{len(problems)} 个）</h2>'
        f"<p>改正 {html.escape(listing.path.name)} 里的这些行，再运行一次；其他单位不会重新生成。</p>"
        f"<ul>{failed}</ul></section>"
        if problems
        else ""
    )
    return INDEX_TEMPLATE.format(
        source=html.escape(listing.path.name),
        count=len(listing.rows),
        rows="\n".join(rows),
        failed=failed_block,
        date=time.strftime("%Y-%m-%d %H:%M"),
    )


INDEX_TEMPLATE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>各单位的防诈课堂网站</title>
<style>
body {{ font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem; font-size: 1rem; line-height: 1.6; color: #1a1a1a; }}
h1 {{ font-size: 1.5rem; color: #0b4f8a; margin: .5rem 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ccd6e0; padding: .5rem; text-align: left; vertical-align: top; }}
th {{ background: #eef3f8; }}
small {{ color: #4a4a4a; }}
a {{ color: #0b4f8a; }}
td, li {{ overflow-wrap: anywhere; }}
.missing {{ color: #6b4a00; }}
.failed {{ border: 2px solid #a61b1b; padding: .5rem 1rem; margin: 1rem 0; border-radius: .25rem; }}
.failed h2 {{ color: #a61b1b; font-size: 1.2rem; }}
@media (max-width: 40rem) {{
  thead {{ display: none; }}
  tr {{ display: block; border-bottom: 2px solid #ccd6e0; padding: .5rem 0; }}
  td {{ display: block; border: 0; padding: .25rem 0; }}
}}
</style>
</head>
<body>
<h1>各单位的防诈课堂网站</h1>
<p>按 {source} 生成，共 {count} 个单位。每个单位的网站在各自的文件夹 <code>代号/site/</code> 里，
原样上传到这个单位的网址即可；离线版 zip 供 U 盘和没有联网的电脑使用。生成时间：{date}。</p>
{failed}
<table>
<thead><tr><th scope="col">单位</th><th scope="col">电话与地址</th><th scope="col">辖区派出所</th>
<th scope="col">网站</th><th scope="col">下载</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


# -- the command ---------------------------------------------------------------------------


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} 秒"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} 分 {seconds} 秒"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes} 分"


def _shard_arg(value: str) -> tuple[int, int]:
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"写成了“{value}” → 写成“第几份/共几份”，例如 --shard 2/4"
        ) from None
    if not (n >= 1 and 1 <= k <= n):
        raise argparse.ArgumentTypeError(f"写成了“{value}” → K 要在 1 到 N 之间，例如 --shard 2/4")
    return k, n


# What one worker holds at most (MkDocs, Material, jieba and this site's caches), measured about
# 250 MB after many variants: the default leaves room for it.
WORKER_MEMORY = 400 * 1024 * 1024


def default_jobs() -> int:
    """One worker a core, as many as the free memory holds (a 64-core CI runner has the cores
    but not always 64 × 400 MB)."""
    cores = os.cpu_count() or 1
    try:
        free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return cores
    return max(1, min(cores, free // WORKER_MEMORY))


def _jobs_arg(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"写成了“{value}” → 写一个正整数，例如 --jobs 2")
    return number


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="fangzha-variants",
        description="按单位名单，为每个单位生成一份带本单位名称、电话、地址和二维码的网站、离线版和打印包。",
    )
    parser.add_argument(
        "orgs", type=Path, nargs="?", help="单位名单：Excel（.xlsx）、CSV 或 YAML 文件"
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE",
        help="写一份待填的单位名单（.xlsx 或 .csv，带两行示例）后退出",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="站点设置（默认 mkdocs.yml）",
    )
    parser.add_argument(
        "-o", "--out", type=Path, default=Path("variants"), help="输出文件夹（默认 variants/）"
    )
    parser.add_argument(
        "--jobs",
        type=_jobs_arg,
        default=default_jobs(),
        help="同时生成几个（默认：本机的处理器核数，内存不够时少开几个）",
    )
    parser.add_argument(
        "--shard", type=_shard_arg, help="只生成名单的第 K 份（共 N 份），例如 2/4：多台机器分担"
    )
    parser.add_argument(
        "--pdf", action="store_true", help="同时导出每个单位的 PDF 打印包（需要 Chromium）"
    )
    parser.add_argument(
        "--base-url",
        help="没有写“网址”的单位发布在 BASE_URL/代号/ 下，例如 https://fz.example.edu.cn/",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, engine: Engine = mkdocs_engine) -> int:
    try:
        return run(argv, engine)
    except KeyboardInterrupt:
        print(
            "\n已中断。已经生成好的单位都保留着；再运行一次，会从还没生成的单位接着做。",
            file=sys.stderr,
        )
        return 130


def run(argv: list[str] | None, engine: Engine) -> int:
    """The command (see the module's docstring); the exit status."""
    args = parse_args(argv)
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    if args.template:
        return _write_template(args.template, say)
    if args.orgs is None:
        say(
            "错误：没有写单位名单 → 写成 fangzha-variants 名单.xlsx；"
            "还没有名单时，先用 fangzha-variants --template 名单.xlsx 生成一份待填的"
        )
        return 2
    config_file = args.config_file.resolve()
    offline_file = config_file.with_name("mkdocs.offline.yml")
    if not config_file.is_file():
        say(
            f"错误：找不到站点设置 {args.config_file} → 在网站文件夹里运行，或用 -f 写出 mkdocs.yml 的位置"
        )
        return 2
    if not offline_file.is_file():
        say(
            f"错误：找不到 {offline_file.name}（离线版的设置，每个单位的网站都按它生成）→ "
            "从防诈课堂的模板里把 mkdocs.offline.yml 复制到 mkdocs.yml 旁边"
        )
        return 2
    base_url = args.base_url
    if base_url and not base_url.startswith(("http://", "https://")):
        say(f"错误：--base-url 写成了“{base_url}” → 写完整的网址，以 https:// 开头")
        return 2

    try:
        docs_dir = pipeline.raw_config(config_file).docs_dir
    except pipeline.Stop as stop:
        for problem in stop.problems:
            say(str(problem))
        say(str(stop))
        return 1
    listing = read_orgs(args.orgs, base_url=base_url, docs_dir=docs_dir)
    for note in listing.notes:
        say(note)
    for problem in listing.problems:
        say(str(problem))
    if listing.fatal:
        say(f"生成已停止：{args.orgs.name} 读不了，见上面的说明。")
        return 1
    failed_rows: dict[int, list[str]] = {}
    for problem in listing.problems:
        failed_rows.setdefault(problem.line or 0, []).append(problem.text())
    if listing.failed_lines:
        say(
            f"{len(listing.failed_lines)} 个单位的信息有问题（第 "
            + "、".join(str(n) for n in listing.failed_lines)
            + " 行），这次不生成它们；其他单位照常生成。"
        )

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        content = content_key(config_file, offline_file)
    except pipeline.Stop as stop:
        for problem in stop.problems:
            say(str(problem))
        say(str(stop))
        return 1
    rows = listing.rows
    if args.shard:
        k, n = args.shard
        rows = shard(rows, k, n)
        say(f"第 {k}/{n} 份：名单里 {len(listing.rows)} 个单位中的 {len(rows)} 个。")
    jobs = [Job(row, out / row.slug, offline_file, job_key(content, row)) for row in rows]
    todo = [job for job in jobs if not up_to_date(job)]
    skipped = len(jobs) - len(todo)
    if skipped:
        say(f"{skipped} 个单位的名单和内容都没有变，不重新生成。")
    no_url = [job.row.name for job in todo if not job.row.site_url]
    if no_url:
        say(
            f"注意：{len(no_url)} 个单位没有写“网址”（也没有用 --base-url），它们印出来的材料上"
            "没有二维码：" + "、".join(no_url[:5]) + ("等" if len(no_url) > 5 else "")
        )

    def report(outcome: Outcome, done: int, total: int, elapsed: float) -> None:
        row = next(job.row for job in todo if job.row.slug == outcome.slug)
        left = elapsed / done * (total - done)
        state = f"已生成，用时 {outcome.seconds:.1f} 秒" if outcome.ok else "没有生成成功"
        tail = f" · 预计还要 {_clock(left)}" if done < total else ""
        say(f"[{done}/{total}] {row.name}（{row.slug}）{state}{tail}")
        if not outcome.ok:
            for message in outcome.messages:
                say(f"    {message}")
            failed_rows.setdefault(row.line, []).extend(outcome.messages)
        elif outcome.messages:
            for message in outcome.messages:
                say(f"    警告：{message}")

    started = time.perf_counter()
    outcomes = []
    if todo:
        workers = min(args.jobs, len(todo))
        say(f"开始生成 {len(todo)} 个单位的网站（同时 {workers} 个）……")
        outcomes = build_all(todo, workers, engine, report)
    built = [o for o in outcomes if o.ok]
    broken = [o for o in outcomes if not o.ok]

    if args.pdf:
        pdf_jobs = [job for job in jobs if (job.site_dir / "index.html").is_file()]
        pdf_jobs = [job for job in pdf_jobs if read_stamp(job.out).get("pdf") != job.key]
        pdf_failed = bool(pdf_jobs) and _export_pdfs(pdf_jobs, say, args.jobs) != 0
    else:
        pdf_failed = False

    if not listing.failed_lines and not broken:
        _remove_stale(out, {row.slug for row in listing.rows}, say)
    # The organisations of this run (this share, with --shard) whose sites are ready: what an
    # upload script loops over (README, 「全区批量生成」).
    ready = [job.row.slug for job in jobs if up_to_date(job)]
    (out / SLUGS).write_text("".join(f"{slug}\n" for slug in ready), encoding="utf-8")
    (out / "index.html").write_text(
        index_html(listing, out, pdf=args.pdf, problems=failed_rows), encoding="utf-8"
    )
    total = time.perf_counter() - started
    say(
        f"完成：生成 {len(built)} 个，没有变化 {skipped} 个，失败 {len(broken) + len(listing.failed_lines)} 个，"
        f"用时 {_clock(total)}。各单位的网站在 {args.out}/代号/site/，总览在 {args.out}/index.html"
    )
    if pdf_failed:
        return 2
    return 1 if broken or listing.failed_lines else 0


def _write_template(path: Path, say) -> int:
    from .orgs import write_template

    if path.suffix.lower() not in (".xlsx", ".csv"):
        say(f"错误：{path.name} → 名单模板写成 .xlsx（Excel）或 .csv 文件，例如 名单.xlsx")
        return 2
    if path.exists():
        say(f"错误：已经有 {path} 了，没有覆盖 → 换个文件名，或先把它移走")
        return 2
    write_template(path)
    say(
        f"已写好 {path}：第一行是表头，下面两行是示例，换成各单位的信息即可（每列都已设成“文本”，"
        "电话前面的 0 不会丢）。填好后运行 fangzha-variants " + str(path)
    )
    return 0


def _export_one(task: tuple[Job, str]) -> tuple[Job, int, int, str | None]:
    """One variant's print packs as PDF, in OUT/<slug>/pdf/: (job, PDFs, pages, error)."""
    from .export import ExportError, export

    job, chromium = task
    target = job.out / PDF
    if target.exists():
        shutil.rmtree(target)
    try:
        written = export(job.site_dir, target, chromium, packs_only=True, report=lambda _m: None)
    except ExportError as exc:
        shutil.rmtree(target, ignore_errors=True)
        return job, 0, 0, str(exc)
    return job, len(written), sum(n for _, n in written), None


def _export_pdfs(jobs: list[Job], say, workers: int = 1) -> int:
    """Each variant's print packs as PDF, a Chromium per worker process."""
    from .export import ExportError, find_chromium

    try:
        chromium = find_chromium()
    except ExportError as exc:
        say(f"错误：{exc}")
        return 2
    tasks = [(job, chromium) for job in jobs]
    failed = False
    results = _each(tasks, workers, _export_one, _export_one)
    for number, (job, count, pages, error) in enumerate(results, start=1):
        if error:
            say(f"[PDF {number}/{len(jobs)}] 错误：{job.row.name} 的打印包没有导出成功：{error}")
            failed = True
            continue
        say(f"[PDF {number}/{len(jobs)}] {job.row.name}：{count} 个打印包，共 {pages} 页")
        write_stamp(job, pdf=job.key)
    return 2 if failed else 0


def _remove_stale(out: Path, slugs: set[str], say) -> None:
    """Folders of organisations no longer in the list (only folders this program made)."""
    for folder in sorted(out.iterdir()):
        if folder.is_dir() and folder.name not in slugs and (folder / STAMP).is_file():
            shutil.rmtree(folder)
            say(f"已删除 {folder.name}/：这个单位不在名单里了。")


if __name__ == "__main__":
    raise SystemExit(main())
