"""``fangzha``: the build's stages around an engine that runs no MkDocs hooks.

    fangzha prepare -f mkdocs.yml   # check every page; write the generated pages into docs/
    mkdocs build -f mkdocs.yml      # or any engine that runs the fangzha.pages extension
    fangzha finish -f mkdocs.yml    # packs, catalog.json, search, CSP, robots.txt, zip; clean docs/

    fangzha build -f mkdocs.yml [--engine "zensical build"]   # the three in one
    fangzha clean -f mkdocs.yml     # remove what prepare wrote, if a build stopped half way

With MkDocs and its hooks (``mkdocs build``, ``mkdocs serve``) none of this is needed: the hooks
run the same stages (README, 「架构」). Exit status 1 when the content has problems, each printed
on its own line as ``file:line: 发现了什么 → 应当怎么写``.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

from . import pipeline
from .problems import say


def _print_stop(stop: pipeline.Stop) -> None:
    for problem in stop.problems:
        print(str(problem), file=sys.stderr)
    print(str(stop), file=sys.stderr)


def _load(config: Path) -> pipeline.Build:
    build = pipeline.load(config)
    for info in build.info:
        print(info, file=sys.stderr)
    return build


def prepare(config: Path) -> int:
    """Check everything and write the generated pages; 1 when the build must stop."""
    pipeline.clean(pipeline.raw_config(config).docs_dir)
    build = _load(config)
    for warning in build.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if build.warnings and build.settings.raw.strict:
        n = len(build.warnings)
        print(
            say(
                f"生成已停止：有 {n} 条警告（设置了 strict: true），已在上面逐条列出。",
                f"Stopped: {n} warning{'s' if n != 1 else ''} in strict mode, listed above.",
            ),
            file=sys.stderr,
        )
        return 1
    written = pipeline.write_generated(build)
    print(
        say(
            f"已检查 {len(build.pages)} 个页面，生成 {len(written)} 个文件，写在 "
            f"{build.where}/ 里（列在 {pipeline.MANIFEST}；fangzha finish 会删掉它们）。",
            f"Checked {len(build.pages)} pages; wrote {len(written)} generated files into "
            f"{build.where}/ (listed in {pipeline.MANIFEST}; fangzha finish removes them).",
        )
    )
    return 0


def finish(config: Path, keep: bool = False) -> int:
    """Finish the site the engine wrote; then take the generated pages out of the docs folder."""
    build = _load(config)
    site = build.settings.raw.site_dir
    if not (site / "index.html").is_file():
        print(
            say(
                f"错误：{site} 里没有生成好的网站 → 先运行 fangzha prepare，再用生成器生成网站，"
                "最后运行 fangzha finish",
                f"error: no site in {site}; run fangzha prepare, then the engine, then finish",
            ),
            file=sys.stderr,
        )
        return 1
    told = len(build.info)
    pipeline.finish(build)
    for info in build.info[told:]:
        print(info, file=sys.stderr)
    if not keep:
        pipeline.clean(build.settings.raw.docs_dir)
    print(say(f"网站已完成：{site}", f"Site finished: {site}"))
    return 0


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="fangzha",
        description="防诈课堂：在不运行 MkDocs 钩子的生成器周围运行检查、生成和收尾（README「架构」）",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("prepare", "检查全部页面，把要生成的页面写进 docs/"),
        ("finish", "生成之后：打印包、catalog.json、搜索、CSP、robots.txt、离线包；清理 docs/"),
        ("build", "prepare、生成器、finish 依次运行"),
        ("clean", "删掉 prepare 写进 docs/ 的文件"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
        if name == "finish":
            sub.add_argument("--keep", action="store_true", help="留下生成的页面（调试用）")
        if name == "build":
            sub.add_argument(
                "--engine",
                default="",
                help="生成器的命令（默认：python -m mkdocs build -f 设置文件）",
            )
    args = parser.parse_args(argv)
    config = args.config_file
    try:
        if args.command == "prepare":
            return prepare(config)
        if args.command == "finish":
            return finish(config, args.keep)
        if args.command == "clean":
            removed = pipeline.clean(pipeline.raw_config(config).docs_dir)
            print(
                say(
                    f"已删除 {len(removed)} 个生成的文件。",
                    f"Removed {len(removed)} generated files.",
                )
            )
            return 0
        status = prepare(config)
        if status:
            return status
        engine = (
            shlex.split(args.engine)
            if args.engine
            else [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
        )
        if subprocess.run(engine).returncode != 0:
            pipeline.clean(pipeline.raw_config(config).docs_dir)
            print(
                say("错误：生成器没有完成，生成的页面已清理。", "error: the engine failed."),
                file=sys.stderr,
            )
            return 1
        return finish(config)
    except pipeline.Stop as stop:
        _print_stop(stop)
        return 1


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
