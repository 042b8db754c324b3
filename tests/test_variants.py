"""Branded variants (``fangzha-variants``): one content, a site per organisation of a list.

The acceptance run builds twelve organisations from an Excel-style CSV (GBK, as Excel saves
"CSV" on a Chinese Windows) with a thirteenth row broken, then checks what a district's office
would check by opening each site: its own name, phone, address and police station on the pages,
the letters and the catalog, QR codes that lead to its own address, and nobody else's details
anywhere; then that a second run rebuilds nothing and a changed row rebuilds one variant.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from fangzha.orgs import column_letter, read_orgs, shard
from util import ROOT, copy_project

VARIANTS = [sys.executable, "-m", "fangzha.variants"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "FANGZHA_MESSAGES": "zh"}
HEADER = "序号,代号,单位名称,简称,类型,电话,地址,派出所,派出所电话,网址"
BROKEN_LINE = 8  # the header is line 1; row 7 of the table
BASE_ORG = (
    "示例市第一实验学校",
    "0000-00000000",
    "示例市示例区示例路 1 号",
    "示例市公安局示例派出所",
)


def org(i: int) -> dict:
    """Twelve organisations whose details share no substring with each other's."""
    district = "东西南北中青山河湖海江林"[i - 1]
    return {
        "slug": f"org-{i:02d}",
        "name": f"{district}城区第{i}号测试学校",
        "short": f"{district}城{i}校",
        "phone": f"0571-86{i:02d}{i:02d}{i:02d}",
        "address": f"{district}城区测试大道 {100 + i} 号",
        "police": f"{district}城区公安分局测试{i}号派出所",
        "police_phone": f"0571-87{i:02d}{i:02d}{i:02d}",
        "url": f"https://fz.example.edu.cn/org-{i:02d}/",
    }


ORGS = [org(i) for i in range(1, 13)]


def csv_line(n: int, o: dict) -> str:
    return (
        f"{n},{o['slug']},{o['name']},{o['short']},学校,{o['phone']},{o['address']},"
        f"{o['police']},{o['police_phone']},{o['url']}"
    )


def write_list(path: Path, orgs: list[dict]) -> None:
    lines = [HEADER]
    for n, o in enumerate(orgs, start=1):
        lines.append(csv_line(n, o))
        if len(lines) == BROKEN_LINE - 1:
            # Excel dropped the area code's 0 from a landline typed as a number.
            lines.append(
                "99,org-99,坏行测试学校,坏行校,学校,57186999999,坏行路 1 号,坏行派出所,0571-87999999,"
            )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*VARIANTS, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=900,
    )


def text_files(site: Path) -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for path in site.rglob("*")
        if path.suffix in (".html", ".json", ".js", ".txt", ".xml") and path.is_file()
    }


def mtimes(out: Path) -> dict[str, int]:
    return {o["slug"]: (out / o["slug"] / "site/index.html").stat().st_mtime_ns for o in ORGS}


@pytest.mark.browser  # the last step prints one variant's print packs with Chromium
def test_twelve_variants_from_a_list_each_carry_their_own_details_and_only_changes_rebuild(
    tmp_path, browser
):
    """One test, so that the twelve builds happen once, on one worker, in this order."""
    project = copy_project(tmp_path)
    write_list(project / "orgs.csv", ORGS)
    out = project / "variants"
    first = run(project, "orgs.csv", "-o", "variants", "--jobs", "2")

    # The broken row is named with its line and column; the twelve others are built.
    assert first.returncode == 1, first.stderr
    assert re.search(
        rf"^orgs\.csv:{BROKEN_LINE}: 电话（F 列）：.*0 被 Excel 去掉了.*“0571-86999999”",
        first.stderr,
        re.M,
    ), first.stderr
    assert "完成：生成 12 个，没有变化 0 个，失败 1 个" in first.stderr, first.stderr
    assert re.search(r"\[12/12\] .*已生成", first.stderr)
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [o["slug"] for o in ORGS]
    assert (out / "slugs.txt").read_text(encoding="utf-8").split() == [o["slug"] for o in ORGS]
    index = (out / "index.html").read_text(encoding="utf-8")
    for o in ORGS:
        assert o["name"] in index and f'href="{o["slug"]}/site/index.html"' in index
        assert f'href="{o["url"]}"' in index
    assert f"第 {BROKEN_LINE} 行" in index and "没有生成的单位（1 个）" in index
    # The overview reads on a phone: nothing wider than the screen, every link reachable.
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto((out / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(f'a[href="{ORGS[0]["slug"]}/site/index.html"]').is_visible()
    page.close()

    for mine in ORGS:
        check_variant(out / mine["slug"] / "site", mine)

    # Nothing changed: nothing is built again.
    before = mtimes(out)
    again = run(project, "orgs.csv", "-o", "variants")
    assert again.returncode == 1  # the broken row is still broken
    assert "12 个单位的名单和内容都没有变，不重新生成" in again.stderr, again.stderr
    assert "开始生成" not in again.stderr
    assert mtimes(out) == before

    # One row changed: that one variant is built again, with the new address.
    changed = [dict(o) for o in ORGS]
    changed[4]["address"] = "中城区改过的地址 9 号"
    write_list(project / "orgs.csv", changed)
    third = run(project, "orgs.csv", "-o", "variants")
    assert "11 个单位的名单和内容都没有变" in third.stderr and "[1/1]" in third.stderr, third.stderr
    after = mtimes(out)
    assert [slug for slug in after if after[slug] != before[slug]] == [ORGS[4]["slug"]]
    check_variant(out / ORGS[4]["slug"] / "site", changed[4])

    # --pdf with a share of one: that variant's print packs, nothing rebuilt.
    fourth = run(project, "orgs.csv", "-o", "variants", "--pdf", "--shard", "1/12")
    assert "第 1/12 份：名单里 12 个单位中的 1 个" in fourth.stderr, fourth.stderr
    assert "开始生成" not in fourth.stderr
    pdfs = sorted((out / ORGS[0]["slug"] / "pdf").rglob("*.pdf"))
    assert pdfs, fourth.stderr
    text = subprocess.run(
        ["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert ORGS[0]["name"] in text and ORGS[1]["name"] not in text
    assert (out / "slugs.txt").read_text(encoding="utf-8").split() == [ORGS[0]["slug"]]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert pdfs[0].relative_to(out).as_posix() in index
    assert "小学 1–3 年级打印包（PDF）" in index  # named as a teacher calls it


def check_variant(site: Path, mine: dict) -> None:
    """What an organisation would check in its own site: its details everywhere, nobody else's."""
    files = text_files(site)
    home = files[site / "index.html"]
    for key in ("name", "phone", "address", "police", "police_phone"):
        assert mine[key] in home, (site, key)
    catalog = json.loads(files[site / "catalog.json"])
    assert catalog["org"]["name"] == mine["name"] and catalog["org"]["phone"] == mine["phone"]
    assert catalog["org"]["address"] == mine["address"]
    assert catalog["site"]["url"] == mine["url"]
    letters = [p for p in catalog["pages"] if p["kind"] == "letter"]
    assert letters
    for letter in letters:
        text = files[site / letter["url"]]
        assert mine["name"] in text and mine["police_phone"] in text, letter["url"]
    others = [o for o in ORGS if o["slug"] != mine["slug"]]
    for path, text in files.items():
        for other in others:
            for key in ("name", "phone", "address", "police", "police_phone", "url"):
                assert other[key] not in text, (path, other[key])
        for detail in BASE_ORG:
            assert detail not in text, (path, detail)
    # QR codes on a letter lead to this organisation's own address.
    svgs = re.findall(r"<svg[^>]*fz-qr__svg.*?</svg>", files[site / letters[0]["url"]], re.S)
    codes = [decode_svg(svg) for svg in svgs]
    assert codes and all(code.startswith(mine["url"]) for code in codes), codes
    # The offline zip is this organisation's too, and does not link to itself.
    with zipfile.ZipFile(site / "download" / "fangzha-offline.zip") as archive:
        page = archive.read("fangzha-offline/index.html").decode("utf-8")
        readme = archive.read("fangzha-offline/README.txt").decode("utf-8-sig")
        assert "fangzha-offline/search/search_index.js" in archive.namelist()
    assert mine["name"] in page and mine["address"] in page and "下载离线版" not in page
    assert mine["name"] in readme
    assert "下载离线版" in home and 'http-equiv="Content-Security-Policy"' in home


def decode_svg(svg: str) -> str:
    """Read a QR code drawn by segno as an SVG path of horizontal strokes."""
    path = re.findall(r'<path\b[^>]*\bd="([^"]+)"', svg)[-1]  # the first is the white ground
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    scale = 8
    image = Image.new("L", (int(view[2]) * scale, int(view[3]) * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHhVv])([-\d.\s]*)", path):
        values = [float(v) for v in numbers.replace("-", " -").split()]
        if command in "Mm":
            for dx, dy in zip(values[::2], values[1::2], strict=True):
                x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        elif command in "Hh":
            for value in values:
                end = value if command == "H" else x + value
                top = (y - 0.5) * scale
                draw.rectangle(
                    [min(x, end) * scale, top, max(x, end) * scale - 1, top + scale - 1], fill=0
                )
                x = end
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "QR code did not decode"
    return found[0].text


def test_a_variant_that_does_not_build_is_reported_and_the_others_are_kept(tmp_path, monkeypatch):
    from fangzha import variants

    def engine(job):
        if job.row.slug == "bad-one":
            (job.site_dir / "half.html").parent.mkdir(parents=True)
            (job.site_dir / "half.html").write_text("half written", encoding="utf-8")
            raise variants.VariantFailed(["docs/letters/x.md:3: 某个问题 → 这样改"])
        (job.site_dir / "download").mkdir(parents=True)
        (job.site_dir / "index.html").write_text(job.row.name, encoding="utf-8")
        (job.site_dir / "download/fangzha-offline.zip").write_bytes(b"zip")
        return []

    (tmp_path / "orgs.yml").write_text(
        "".join(
            f"- 代号: {slug}\n  单位名称: {name}\n  简称: 测试校\n  类型: 学校\n"
            "  电话: '0571-81234567'\n  地址: 测试路 1 号\n  派出所: 测试派出所\n"
            "  派出所电话: '0571-87654321'\n"
            for slug, name in (("good-one", "好用测试学校"), ("bad-one", "出错测试学校"))
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    # Left from an earlier list: a variant this program made, and a folder of the user's own.
    (out / "gone-school").mkdir(parents=True)
    (out / "gone-school" / variants.STAMP).write_text("{}", encoding="utf-8")
    (out / "my-notes").mkdir()
    code = variants.main([str(tmp_path / "orgs.yml"), "-o", str(out), "--jobs", "1"], engine=engine)
    assert code == 1
    assert (out / "good-one/site/index.html").is_file() and not (out / "bad-one").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "出错测试学校" in index and "docs/letters/x.md:3: 某个问题 → 这样改" in index
    # With a row failing, nothing is removed; once every row builds, the old variant goes.
    assert (out / "gone-school").exists()
    (tmp_path / "orgs.yml").write_text(
        (tmp_path / "orgs.yml").read_text(encoding="utf-8").split("- 代号: bad-one")[0],
        encoding="utf-8",
    )
    assert variants.main([str(tmp_path / "orgs.yml"), "-o", str(out)], engine=engine) == 0
    assert not (out / "gone-school").exists() and (out / "my-notes").exists()
    assert (out / "slugs.txt").read_text(encoding="utf-8") == "good-one\n"


def test_a_change_to_the_content_changes_every_variants_key(tmp_path):
    from fangzha import variants

    project = copy_project(tmp_path)
    config, offline = project / "mkdocs.yml", project / "mkdocs.offline.yml"
    key = variants.content_key(config, offline)
    assert variants.content_key(config, offline) == key
    page = next((project / "docs/scams").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert variants.content_key(config, offline) != key


def test_a_logo_that_is_nowhere_is_named_in_its_row(tmp_path):
    (tmp_path / "orgs.csv").write_text(
        GOOD.replace("派出所电话\n", "派出所电话,标志\n").replace(
            "87654321\n", "87654321,校徽/甲.png\n"
        ),
        encoding="utf-8",
    )
    listing = read_orgs(tmp_path / "orgs.csv", docs_dir=ROOT / "docs")
    assert [str(p) for p in listing.problems] == [
        "orgs.csv:2: 标志（H 列）：找不到图片文件“校徽/甲.png” → 把这个单位的标志图片放在名单文件旁边"
        "（例如名单旁的“校徽”文件夹里，这里写“校徽/一小.png”），或放进 docs 文件夹，这里写它在 docs 里的路径"
    ]


def test_an_organisations_own_logo_beside_the_list_is_in_its_site_and_zip(tmp_path):
    """Each school's 校徽 kept next to the list: in its own variant, under one name, and checked
    with the extra.org.logo rules."""
    project = copy_project(tmp_path / "project")
    (project / "校徽").mkdir()
    Image.new("RGB", (64, 64), (166, 27, 27)).save(project / "校徽" / "甲.png")
    (project / "校徽" / "乙.gif").write_bytes(b"GIF89a")
    rows = GOOD.replace("派出所电话\n", "派出所电话,标志,代号\n").replace(
        "87654321\n", "87654321,校徽/甲.png,jia\n"
    )
    rows += "乙测试学校,乙校,学校,0571-81234568,乙路 1 号,乙派出所,0571-87654322,校徽/乙.gif,yi\n"
    (project / "orgs.csv").write_text(rows, encoding="utf-8")
    done = run(project, "orgs.csv", "-o", "out", "--jobs", "1")
    assert done.returncode == 1
    assert "orgs.csv:3: 标志（H 列）：extra.org.logo" not in done.stderr
    assert re.search(
        r"^orgs\.csv:3: 标志（H 列）：“乙\.gif”不是网页能显示的图片", done.stderr, re.M
    ), done.stderr
    site = project / "out" / "jia" / "site"
    logo = site / "assets/images/fangzha-org-logo.png"
    assert logo.read_bytes() == (project / "校徽" / "甲.png").read_bytes()
    assert 'src="assets/images/fangzha-org-logo.png"' in (site / "index.html").read_text(
        encoding="utf-8"
    )
    with zipfile.ZipFile(site / "download" / "fangzha-offline.zip") as archive:
        assert "fangzha-offline/assets/images/fangzha-org-logo.png" in archive.namelist()
    # A new logo is a change to that row: its variant is built again.
    Image.new("RGB", (64, 64), (11, 79, 138)).save(project / "校徽" / "甲.png")
    again = run(project, "orgs.csv", "-o", "out", "--jobs", "1")
    assert "[1/1] 甲测试学校（jia）已生成" in again.stderr, again.stderr
    assert logo.read_bytes() == (project / "校徽" / "甲.png").read_bytes()


# -- reading the list (no build) -----------------------------------------------------------


GOOD = "单位名称,简称,类型,电话,地址,派出所,派出所电话\n甲测试学校,甲校,学校,0571-81234567,甲路 1 号,甲派出所,0571-87654321\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "gbk", "utf-16"],
    ids=["utf8", "excel-csv-utf8-with-bom", "excel-csv-gbk", "excel-unicode-text"],
)
def test_the_list_is_read_in_every_encoding_excel_and_wps_save(tmp_path, encoding):
    text = GOOD.replace(",", "\t") if encoding == "utf-16" else GOOD
    path = tmp_path / "orgs.csv"
    path.write_bytes(text.encode(encoding))
    listing = read_orgs(path)
    assert not listing.problems
    assert [row.org["name"] for row in listing.rows] == ["甲测试学校"]
    assert listing.rows[0].org["kind"] == "school"


def test_an_excel_workbook_is_read_and_numbers_excel_mangled_are_named(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位名称", "简称", "类型", "电话", "地址", "派出所", "派出所电话", "网址"])
    sheet.append(
        [
            "甲测试学校",
            "甲校",
            "学校",
            "0571-81234567",
            "甲路 1 号",
            "甲派出所",
            "0571-87654321",
            "https://fz.example.cn/jia/",
        ]
    )
    sheet.append(
        ["乙测试学校", "乙校", "社区", 57181234567, "乙路 1 号", "乙派出所", 13812345678, None]
    )
    path = tmp_path / "名单.xlsx"
    book.save(path)
    listing = read_orgs(path)
    assert [row.slug for row in listing.rows] == ["jia"]
    assert [str(p) for p in listing.problems] == [
        "名单.xlsx:3: 电话（D 列）：写成了“57181234567”，像是区号前面的 0 被 Excel 去掉了 → "
        "在 Excel 里把这一列设置为“文本”格式，写成“0571-81234567”这样带 0 的号码"
    ]


def test_a_workbook_as_offices_keep_them_title_row_merged_cells_and_a_notes_sheet(tmp_path):
    """The list on the second sheet under a title row, one police station merged down the rows
    of the three schools it serves."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填写说明"
    notes.append(["电话一列请设成文本格式"])
    sheet = book.create_sheet("名单")
    sheet.append(["示例区防诈宣传周参加单位名单"])
    sheet.merge_cells("A1:H1")
    sheet.append(["序号", "单位名称", "简称", "类型", "电话", "地址", "派出所", "派出所电话"])
    for n, name in enumerate(("甲", "乙", "丙"), start=1):
        sheet.append(
            [n, f"{name}测试学校", f"{name}校", "小学", f"0571-8123456{n}", f"{name}路 1 号"]
        )
    sheet["G3"], sheet["H3"] = "东门派出所", "0571-87654321"
    sheet.merge_cells("G3:G5")
    sheet.merge_cells("H3:H5")
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    listing = read_orgs(path)
    assert not listing.problems, [str(p) for p in listing.problems]
    assert [(row.line, row.org["police"]["name"]) for row in listing.rows] == [
        (3, "东门派出所"),
        (4, "东门派出所"),
        (5, "东门派出所"),
    ]


def test_a_csv_with_a_title_row_counts_lines_as_the_file_does(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        "示例区名单,,,,,,\n" + GOOD.replace("0571-81234567", "81234567"), encoding="utf-8"
    )
    problems = [str(p) for p in read_orgs(path).problems]
    assert len(problems) == 1 and problems[0].startswith("orgs.csv:3: 电话（D 列）："), problems


def test_a_yaml_list_reports_the_line_of_the_key(tmp_path):
    path = tmp_path / "orgs.yml"
    path.write_text(
        "orgs:\n"
        "  - name: 甲测试学校\n    short_name: 甲校\n    kind: school\n    phone: '0571-81234567'\n"
        "    address: 甲路 1 号\n    police: {name: 甲派出所, phone: '0571-87654321'}\n"
        "  - name: 乙测试学校\n    short_name: 乙校\n    kind: school\n    phone: 13812345678\n"
        "    address: 乙路 1 号\n    police: {name: 乙派出所, phone: '0571-87654321'}\n",
        encoding="utf-8",
    )
    listing = read_orgs(path)
    assert [row.org["name"] for row in listing.rows] == ["甲测试学校"]
    assert len(listing.problems) == 1
    assert str(listing.problems[0]).startswith("orgs.yml:11: phone：写成了没加引号的数字")


@pytest.mark.parametrize(
    "table, expected",
    [
        (
            GOOD.replace("派出所电话", "派出所电活"),
            "G 列的表头“派出所电活”认不出来 → 是不是“派出所电话”？",
        ),
        (
            GOOD.replace(",派出所电话", "").replace(",0571-87654321", ""),
            "表头里缺少这些列：派出所电话",
        ),
        (GOOD.replace(",", "，"), "orgs.csv:1: 各列之间用的是中文逗号"),
        (GOOD.replace("0571-81234567", "０５７１-81234567"), "全角数字“０”"),
        (GOOD + GOOD.splitlines()[1] + "\n", "orgs.csv:3: 单位名称“甲测试学校”和第 2 行重复了"),
        (GOOD.replace("学校,0571", "幼教,0571"), "类型（C 列）：写成了“幼教”"),
        (GOOD.replace("甲路 1 号", ""), "地址（E 列）：这一格是空的"),
    ],
    ids=[
        "typo-in-header",
        "missing-column",
        "chinese-commas",
        "full-width-digits",
        "duplicate-row",
        "unknown-kind",
        "empty-cell",
    ],
)
def test_common_slips_in_the_list_are_named_in_words_a_teacher_knows(tmp_path, table, expected):
    path = tmp_path / "orgs.csv"
    path.write_text(table, encoding="utf-8")
    listing = read_orgs(path)
    assert any(expected in str(p) for p in listing.problems), [str(p) for p in listing.problems]


def test_an_offices_own_columns_are_read_past_and_named(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        GOOD.replace("派出所电话\n", "派出所电话,学生人数\n").replace(
            "87654321\n", "87654321,1200\n"
        ),
        encoding="utf-8",
    )
    listing = read_orgs(path)
    assert not listing.problems and len(listing.rows) == 1
    assert listing.notes == [
        "orgs.csv：这些列网站用不上，已跳过：学生人数（H 列）（要用的列请照 README「全区批量生成」里的表头写）"
    ]


@pytest.mark.parametrize("name", ["名单.xlsx", "名单.csv"])
def test_the_template_to_fill_in_reads_back_with_text_columns(tmp_path, name):
    from fangzha import variants

    path = tmp_path / name
    assert variants.main(["--template", str(path)]) == 0
    listing = read_orgs(path, base_url="https://fz.example.edu.cn/")
    assert not listing.problems and not listing.notes
    assert [row.slug for row in listing.rows] == ["school-01", "community-02"]
    assert listing.rows[1].site_url == "https://fz.example.edu.cn/community-02/"
    if name.endswith(".xlsx"):
        openpyxl = pytest.importorskip("openpyxl")
        sheet = openpyxl.load_workbook(path).active
        assert sheet["E2"].number_format == "@" and sheet.freeze_panes == "A2"
    else:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    assert variants.main(["--template", str(path)]) == 2  # never overwrites a filled list


def test_an_old_xls_file_is_refused_with_what_to_save_it_as(tmp_path):
    path = tmp_path / "orgs.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    listing = read_orgs(path)
    assert (
        listing.fatal
        and "另存为" in str(listing.problems[0])
        and ".xlsx" in str(listing.problems[0])
    )


def test_shards_cover_the_list_once_and_differ_by_one_row_at_most(tmp_path):
    lines = ["代号,单位名称,简称,类型,电话,地址,派出所,派出所电话"]
    lines += [
        f"o{i:03d},测试{i}号学校,{i}校,学校,0571-8123{i:04d},路 {i} 号,派出所,110"
        for i in range(47)
    ]
    path = tmp_path / "orgs.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    rows = read_orgs(path).rows
    shares = [shard(rows, k, 4) for k in range(1, 5)]
    slugs = [row.slug for share in shares for row in share]
    assert sorted(slugs) == sorted(row.slug for row in rows) and len(set(slugs)) == 47
    assert max(map(len, shares)) - min(map(len, shares)) <= 1
    assert [r.slug for r in shard(list(reversed(rows)), 2, 4)] == [r.slug for r in shares[1]]


def test_column_letters_are_excels():
    assert [column_letter(i) for i in (0, 5, 25, 26, 27)] == ["A", "F", "Z", "AA", "AB"]
