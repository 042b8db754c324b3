"""The list of organisations a district brands the site for (``fangzha-variants``).

One row per organisation, in a table a 教育局 or 公安分局 already keeps: an Excel workbook
(``.xlsx``), the CSV Excel or WPS saves (UTF-8 with a BOM, or GBK on a Chinese Windows), or YAML.
The column headers are in Chinese (单位名称、简称、类型、电话、地址、派出所、派出所电话、网址 …);
each row is checked with the same rules as ``extra.org`` and a problem names the file, the row's
line and the column as Excel shows it: ``orgs.csv:12: 电话（E 列）：…``. A bad row is reported
and left out; the others are still built.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from . import schema as s
from . import yamlfile
from .org import ORG, ORG_KINDS, parse_org
from .problems import Problem

# What each column means: the organisation's settings (a path in extra.org), its folder name
# (slug) and the address it is published at (site_url). The first header is the one the
# template and the messages use; the others are what people also write.
COLUMNS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("代号", "目录", "文件夹", "slug"), ("slug",)),
    (("单位名称", "单位", "名称", "name"), ("name",)),
    (("简称", "short_name"), ("short_name",)),
    (("类型", "单位类型", "kind"), ("kind",)),
    (("部门", "科室", "department"), ("department",)),
    (("电话", "联系电话", "单位电话", "电话号码", "联系方式", "phone"), ("phone",)),
    (("地址", "单位地址", "address"), ("address",)),
    (("派出所", "辖区派出所", "派出所名称", "police"), ("police", "name")),
    (("派出所电话", "辖区派出所电话", "派出所联系电话", "police_phone"), ("police", "phone")),
    (("派出所地址", "police_address"), ("police", "address")),
    (("网址", "网站", "发布网址", "网站地址", "site_url"), ("site_url",)),
    (("标志", "校徽", "logo"), ("logo",)),
    (("颜色", "主题色", "color"), ("color",)),
)
# Columns a district's table often has that mean nothing to the site: read past, never shown.
IGNORED = ("序号", "编号", "备注", "说明", "联系人", "负责人")
REQUIRED = ("单位名称", "简称", "类型", "电话", "地址", "派出所", "派出所电话")
# Where a variant's own logo goes in its site (one logo per variant, so one name).
VARIANT_LOGO = "assets/images/fangzha-org-logo"
SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
KIND_BY_LABEL = {label: key for key, label in ORG_KINDS.items()} | {
    "小学": "school",
    "中学": "school",
    "幼儿园": "school",
    "学院": "school",
    "大学": "school",
    "居委会": "community",
    "村委会": "community",
    "街道": "community",
    "公安": "police",
    "公司": "company",
}


def _normal(header: str) -> str:
    """A header as people type it: spaces, a required-field star and full-width forms dropped."""
    import unicodedata

    text = unicodedata.normalize("NFKC", header or "").strip().lower()
    return re.sub(r"[\s*＊:：()（）\[\]【】]|必填|选填", "", text)


_BY_HEADER = {_normal(name): (names[0], path) for names, path in COLUMNS for name in names}


@dataclass(frozen=True)
class OrgRow:
    """One organisation, checked: where it was written, its folder name, settings and address."""

    line: int  # the row's line in the file (a CSV line, an Excel row, a YAML item)
    slug: str
    org: dict  # the extra.org block to build with (as an author would write it)
    site_url: str | None
    files: tuple[tuple[str, str], ...] = ()  # added to the docs: path there → file (its logo)

    @property
    def name(self) -> str:
        return self.org["name"]

    def key(self) -> str:
        """What this row's variant depends on (the line it is written on does not count)."""
        data = json.dumps([self.slug, self.org, self.site_url], sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(data.encode("utf-8"))
        for uri, path in self.files:
            digest.update(uri.encode() + b"\0" + hashlib.sha256(Path(path).read_bytes()).digest())
        return digest.hexdigest()


@dataclass
class OrgList:
    """The rows that passed, and a problem for each that did not (with its line)."""

    path: Path
    rows: list[OrgRow]
    problems: list[Problem]
    failed_lines: list[int]  # rows left out
    fatal: bool = False  # the file itself could not be read: nothing can be built
    notes: list[str] = field(default_factory=list)  # what was read past, for the author to know


# -- reading the file ----------------------------------------------------------------------


def read_orgs(path: Path, base_url: str | None = None, docs_dir: Path | None = None) -> OrgList:
    """Read and check the list; ``base_url`` gives rows without a 网址 ``base_url/<代号>/``;
    with ``docs_dir``, each 标志 (a path inside it, as for extra.org.logo) is checked too."""
    path = Path(path)
    where = path.name
    try:
        raw = path.read_bytes()
    except OSError:
        return _fatal(path, None, f"找不到文件 {path} → 检查文件名和所在的文件夹")
    suffix = path.suffix.lower()
    if suffix == ".xls" or raw.startswith(b"\xd0\xcf\x11\xe0"):
        return _fatal(
            path,
            None,
            "这是旧版 Excel 文件（.xls），读不了 → 在 Excel 或 WPS 里点“文件 → 另存为”，"
            "文件类型选“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）”",
        )
    if suffix == ".xlsx" or raw.startswith(b"PK\x03\x04"):
        try:
            sheets = _xlsx_sheets(raw)
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError):
            return _fatal(
                path,
                None,
                "这个 Excel 文件读不出来（可能已损坏或设了密码）→ 用 Excel 或 WPS 打开后"
                "另存为“CSV UTF-8（逗号分隔）”再试",
            )
        # The first worksheet that has the list (another may hold instructions or a summary).
        table = next(
            (rows for _name, rows in sheets if _header_row(rows) is not None), sheets[0][1]
        )
        return _check_table(path, table, base_url, docs_dir)
    text, problem = _decode_table(raw, where)
    if problem:
        return OrgList(path, [], [problem], [], fatal=True)
    if suffix in (".yml", ".yaml"):
        return _check_yaml(path, text, base_url, docs_dir)
    table, problem = _csv_rows(text, where)
    if problem:
        return OrgList(path, [], [problem], [], fatal=True)
    return _check_table(path, table, base_url, docs_dir)


def _fatal(path: Path, line: int | None, message: str) -> OrgList:
    return OrgList(path, [], [Problem(path.name, line, message)], [], fatal=True)


def _decode_table(raw: bytes, where: str) -> tuple[str, Problem | None]:
    """The text of a CSV or YAML file, whichever encoding Excel, WPS or Notepad saved it in.

    UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode 文本") and GBK (Excel's plain "CSV"
    on a Chinese Windows) are all read as they are.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            raw, encodings = raw[len(bom) :], (codec,)
            break
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n"), None
    line = raw[: error.start].count(b"\n") + 1
    return "", Problem(
        where,
        line,
        "这一行有读不出的字，文件的编码认不出来 → 用 Excel 或 WPS 打开，点“文件 → 另存为”，"
        "文件类型选“CSV UTF-8（逗号分隔）”再保存",
    )


def _csv_rows(text: str, where: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """(line, cells) for every row of a CSV (or tab-separated) text."""
    lines = [line for line in text.split("\n") if line.strip()][:10]
    commas = sum(line.count(",") for line in lines)
    tabs = sum(line.count("\t") for line in lines)
    if tabs > commas:
        delimiter = "\t"  # Excel's “Unicode 文本”, or a table pasted from a web page
    elif not commas and any("，" in line or "、" in line for line in lines):
        first = next(line for line in lines if "，" in line or "、" in line)
        return [], Problem(
            where,
            text.split("\n").index(first) + 1,
            "各列之间用的是中文逗号“，”或顿号“、”，分不出列 → 改成英文逗号“,”；"
            "最方便的是在 Excel 或 WPS 里填好，再另存为“CSV UTF-8（逗号分隔）”",
        )
    else:
        delimiter = ","
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error:
        return [], Problem(
            where,
            reader.line_num,
            "这一行的引号不成对，分不出列 → 删掉多余的英文引号，或在 Excel 里打开后重新另存为 CSV",
        )
    # csv counts a row's last line: a row is reported at the line it starts on.
    starts, previous = [], 0
    for end, cells in rows:
        starts.append((previous + 1, cells))
        previous = end
    return starts, None


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _xlsx_sheets(raw: bytes) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """(sheet name, [(row number, cells)]) for each worksheet of an .xlsx workbook, in the
    workbook's order, read with the standard library: shared and inline strings, numbers as
    Excel shows them when they are whole, and merged cells filled with their value (a police
    station merged down the rows of the schools it serves belongs to every one of them)."""
    sheets = []
    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        names = set(book.namelist())
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            for item in root.findall("m:si", _NS):
                shared.append("".join(t.text or "" for t in item.iter(f"{{{_NS['m']}}}t")))
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        targets = {}
        if "xl/_rels/workbook.xml.rels" in names:
            rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        for number, sheet in enumerate(workbook.findall("m:sheets/m:sheet", _NS), start=1):
            target = targets.get(sheet.get(_REL)) or f"worksheets/sheet{number}.xml"
            target = target.lstrip("/")
            target = target if target.startswith("xl/") else "xl/" + target
            if target in names:
                root = ElementTree.fromstring(book.read(target))
                sheets.append((sheet.get("name", ""), _sheet_rows(root, shared)))
    if not sheets:
        raise ValueError("no worksheet")
    return sheets


def _sheet_rows(root: ElementTree.Element, shared: list[str]) -> list[tuple[int, list[str]]]:
    grid: dict[int, dict[int, str]] = {}
    for row in root.iter(f"{{{_NS['m']}}}row"):
        cells = grid.setdefault(int(row.get("r", len(grid) + 1)), {})
        for cell in row.findall("m:c", _NS):
            column = _column_index(re.match(r"[A-Z]+", cell.get("r", "A")).group(0))
            kind = cell.get("t")
            value = cell.find("m:v", _NS)
            if kind == "s" and value is not None:
                text = shared[int(value.text)]
            elif kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t"))
            elif value is not None and value.text is not None:
                text = value.text
                if kind not in ("str", "b", "e") and re.fullmatch(
                    r"-?\d+\.0+|-?\d+(?:\.\d+)?E\+?\d+", text, re.I
                ):
                    # A whole number Excel stored as a float: show it as Excel does.
                    number = float(text)
                    text = str(int(number)) if number.is_integer() else text
            else:
                text = ""
            cells[column] = text
    for merged in root.iter(f"{{{_NS['m']}}}mergeCell"):
        found = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", merged.get("ref", ""))
        if not found:
            continue
        left, top = _column_index(found.group(1)), int(found.group(2))
        right, bottom = _column_index(found.group(3)), int(found.group(4))
        value = grid.get(top, {}).get(left, "")
        for line in range(top, bottom + 1):
            for column in range(left, right + 1):
                grid.setdefault(line, {})[column] = value
    rows = []
    for line in sorted(grid):
        cells = grid[line]
        width = max(cells) + 1 if cells else 0
        rows.append((line, [cells.get(i, "") for i in range(width)]))
    return rows


def _header_row(table: list[tuple[int, list[str]]]) -> int | None:
    """Where the header is: the first row naming two known columns (a title row above it, such
    as “××区防诈宣传单位名单”, is common and is read past)."""
    for index, (_line, cells) in enumerate(table[:10]):
        known = sum(1 for cell in cells if _normal(cell) in _BY_HEADER)
        if known >= 2:
            return index
    return None


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def column_letter(index: int) -> str:
    """Excel's name for a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# -- checking the rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    header: str  # the canonical header (电话)
    column: str  # where the author sees it: "E 列" in a table, a key in YAML


def _check_table(
    path: Path, table: list[tuple[int, list[str]]], base_url: str | None, docs_dir: Path | None
) -> OrgList:
    where = path.name
    table = [(line, cells) for line, cells in table if any(c.strip() for c in cells)]
    if not table:
        return _fatal(
            path,
            None,
            "表格是空的 → 第一行写表头（单位名称、简称、类型、电话、地址、派出所、派出所电话），下面每行一个单位",
        )
    start = _header_row(table)
    if start is None:
        return _fatal(
            path,
            table[0][0],
            "没有找到表头 → 第一行写表头：单位名称、简称、类型、电话、地址、派出所、派出所电话"
            "（可以照 README「全区批量生成」里的表格写），下面每行一个单位",
        )
    table = table[start:]
    header_line, headers = table[0]
    columns: dict[int, tuple[str, tuple[str, ...]]] = {}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    unused: list[str] = []
    for index, header in enumerate(headers):
        letter = column_letter(index)
        key = _normal(header)
        if not key or key in map(_normal, IGNORED) or key.startswith("#"):
            continue
        if key not in _BY_HEADER:
            guess = difflib.get_close_matches(
                header.strip(), [names[0] for names, _ in COLUMNS], n=1, cutoff=0.5
            )
            if not guess:
                # A column of the office's own (学生人数, 校长 …): read past, and said so.
                unused.append(f"{header.strip()}（{letter} 列）")
                continue
            problems.append(
                Problem(
                    where,
                    header_line,
                    f"{letter} 列的表头“{header.strip()}”认不出来 → 是不是“{guess[0]}”？表头要写成这些之一："
                    + "、".join(names[0] for names, _ in COLUMNS)
                    + "（不需要的列可以写“备注”，或删掉）",
                )
            )
            continue
        name, target = _BY_HEADER[key]
        if name in seen:
            problems.append(
                Problem(
                    where,
                    header_line,
                    f"“{name}”这一列出现了两次（{seen[name]} 列和 {letter} 列）→ 删掉其中一列",
                )
            )
            continue
        seen[name] = letter
        columns[index] = (name, target)
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        problems.append(
            Problem(
                where,
                header_line,
                "表头里缺少这些列：" + "、".join(missing) + " → 在第一行加上这些表头，每个单位填上",
            )
        )
    if problems:
        return OrgList(path, [], problems, [], fatal=True)
    entries = []
    for line, cells in table[1:]:
        raw: dict[str, Any] = {}
        cell_of: dict[tuple, _Cell] = {}
        for index, (name, target) in columns.items():
            value = cells[index].strip() if index < len(cells) else ""
            cell_of[target] = _Cell(name, f"{column_letter(index)} 列")
            if value:
                raw[target] = value
        entries.append((line, raw, cell_of, {}))
    listing = _check_entries(path, entries, base_url, docs_dir, table=True)
    if unused:
        listing.notes.append(
            f"{where}：这些列网站用不上，已跳过："
            + "、".join(unused)
            + "（要用的列请照 README「全区批量生成」里的表头写）"
        )
    return listing


def _check_yaml(path: Path, text: str, base_url: str | None, docs_dir: Path | None) -> OrgList:
    where = path.name
    data, lines, error = yamlfile.load_with_lines(text)
    if error:
        return OrgList(path, [], [Problem(where, error.line, error.zh, error.en)], [], fatal=True)
    items, prefix = data, ()
    if isinstance(data, dict) and "orgs" in data:
        items, prefix = data["orgs"], ("orgs",)
    if not isinstance(items, list) or not items:
        return _fatal(
            path,
            None,
            "没有读到单位列表 → 每个单位写成一项，以“- 单位名称: …”开头（或写在 orgs: 下面），"
            "各项的写法和 mkdocs.yml 的 extra.org 一样",
        )
    entries = []
    # yamlfile numbers list items from 1, as authors count them.
    for number, item in enumerate(items, start=1):
        line = yamlfile.line_of(lines, (*prefix, number)) or 1
        raw: dict[tuple, Any] = {}
        cell_of: dict[tuple, _Cell] = {}
        if not isinstance(item, dict):
            entries.append((line, None, {}, {}))
            continue
        for key, value in item.items():
            target, name = _yaml_target(key)
            if target is None:
                raw[("?", str(key))] = value
                continue
            if target == ("police",) and isinstance(value, dict):
                for sub, sub_value in value.items():
                    sub_target = ("police", str(sub))
                    raw[sub_target] = sub_value
                    cell_of[sub_target] = _Cell(f"police.{sub}", f"police.{sub}")
                continue
            if target == ("helplines",):
                raw[target] = value
                cell_of[target] = _Cell("helplines", "helplines")
                continue
            raw[target] = value
            cell_of[target] = _Cell(name, str(key))
        item_lines = {
            path[len(prefix) + 1 :]: n
            for path, n in lines.items()
            if path[: len(prefix) + 1] == (*prefix, number)
        }
        entries.append((line, raw, cell_of, item_lines))
    return _check_entries(path, entries, base_url, docs_dir, table=False)


def _yaml_target(key: Any) -> tuple[tuple[str, ...] | None, str]:
    key = str(key)
    if key in ("police", "helplines"):
        return (key,), key
    found = _BY_HEADER.get(_normal(key))
    if found:
        return found[1], found[0]
    if key in ORG.fields:
        return (key,), key
    return None, key


def _check_entries(
    path: Path, entries: list, base_url: str | None, docs_dir: Path | None, *, table: bool
) -> OrgList:
    where = path.name
    rows: list[OrgRow] = []
    problems: list[Problem] = []
    failed: list[int] = []
    slugs: dict[str, int] = {}
    names: dict[str, int] = {}
    for entry in entries:
        line, raw, cell_of, item_lines = entry
        if raw is None:
            problems.append(
                Problem(
                    where, line, "这一项不是一个单位的设置 → 写成“- 单位名称: …”，下面各行缩进对齐"
                )
            )
            failed.append(line)
            continue
        found, row = _check_row(
            where, line, raw, cell_of, item_lines, base_url, docs_dir, path.parent, table
        )
        if row is not None:
            if row.name in names:
                found.append(
                    Problem(
                        where,
                        line,
                        f"单位名称“{row.name}”和第 {names[row.name]} 行重复了 → 删掉重复的一行，"
                        "或改正单位名称",
                    )
                )
            elif row.slug in slugs:
                found.append(
                    Problem(
                        where,
                        line,
                        f"代号“{row.slug}”和第 {slugs[row.slug]} 行重复了（没写代号时取网址的最后一段）"
                        " → 每个单位写一个不同的代号，它是这个单位的文件夹名",
                    )
                )
        if found:
            problems += found
            failed.append(line)
            continue
        slugs[row.slug] = line
        names[row.name] = line
        rows.append(row)
    return OrgList(path, rows, problems, failed)


def _check_row(
    where: str,
    line: int,
    raw: dict[tuple, Any],
    cell_of: dict[tuple, _Cell],
    item_lines: dict[tuple, int],
    base_url: str | None,
    docs_dir: Path | None,
    base_dir: Path,
    table: bool,
) -> tuple[list[Problem], OrgRow | None]:
    problems: list[Problem] = []

    def at(target: tuple, message: str) -> Problem:
        cell = cell_of.get(target)
        label = (
            f"{cell.header}（{cell.column}）"
            if cell and table
            else (cell.column if cell else ".".join(target))
        )
        return Problem(
            where, item_lines.get(target, line) if not table else line, f"{label}：{message}"
        )

    for target in raw:
        if target[0] == "?":
            known = [names[0] for names, _ in COLUMNS]
            problems.append(
                Problem(
                    where,
                    item_lines.get((target[1],), line),
                    f"“{target[1]}”认不出来 → 写成这些之一：" + "、".join(known),
                )
            )
    org: dict[str, Any] = {}
    for target, value in raw.items():
        if target[0] in ("?", "slug", "site_url"):
            continue
        if target == ("kind",) and isinstance(value, str):
            value = KIND_BY_LABEL.get(value.strip(), value.strip().lower())
        place = org
        for part in target[:-1]:
            place = place.setdefault(part, {})
        place[target[-1]] = value
    if table:
        for target in (("phone",), ("police", "phone")):
            value = raw.get(target)
            slip = _excel_number_slip(value) if isinstance(value, str) else None
            if slip:
                problems.append(at(target, slip))
    files: dict[str, Path] = {}
    logo = org.get("logo")
    if isinstance(logo, str) and logo.strip() and docs_dir is not None:
        logo = logo.strip().replace("\\", "/")
        in_docs = (docs_dir / logo).is_file()
        beside = (base_dir / logo).resolve()
        if not in_docs and beside.is_file():
            # The organisation's own logo (校徽), kept next to the list: the variant's alone.
            uri = f"{VARIANT_LOGO}{beside.suffix.lower()}"
            org["logo"], files[uri] = uri, beside
        elif not in_docs:
            problems.append(
                at(
                    ("logo",),
                    f"找不到图片文件“{logo}” → 把这个单位的标志图片放在名单文件旁边"
                    "（例如名单旁的“校徽”文件夹里，这里写“校徽/一小.png”），或放进 docs 文件夹，"
                    "这里写它在 docs 里的路径",
                )
            )
    if problems:
        return problems, None
    clean, found = parse_org(org, where=where, docs_dir=docs_dir, added=files)
    for problem in found:
        message = problem.message
        match = re.match(r"extra\.org\.([a-z_.\[\]0-9]+)：(.*)", message, re.S)
        if match:
            target = tuple(p for p in re.split(r"[.\[\]]", match.group(1)) if p)
            text = match.group(2)
            if table:
                text = text.replace("加引号的", "").replace('"', "")
                text = text.replace("缺少这一项", "这一格是空的").replace(
                    "写成了空白", "这一格是空的"
                )
            if target == ("police",) and not cell_of.get(target):
                target = ("police", "name")
            problems.append(at(target, text))
        else:
            problems.append(Problem(where, line, message.replace("extra.org", "这一行")))
    site_url, url_problem = _site_url(raw.get(("site_url",)))
    if url_problem:
        problems.append(at(("site_url",), url_problem))
    slug, slug_problem = _slug(raw.get(("slug",)), site_url, clean.get("name") or org.get("name"))
    if slug_problem:
        problems.append(at(("slug",), slug_problem))
    if problems:
        return problems, None
    if base_url and not site_url:
        site_url = base_url.rstrip("/") + "/" + slug + "/"
    return [], OrgRow(
        line,
        slug,
        _as_written(org),
        site_url,
        tuple((uri, str(path)) for uri, path in files.items()),
    )


def _as_written(org: dict) -> dict:
    """The block as an author would put it under extra.org (the checks run again in the build)."""
    return json.loads(json.dumps(org, ensure_ascii=False))


def _excel_number_slip(value: str) -> str | None:
    """Phone numbers Excel turned into numbers: 1.38123E+10, or an area code without its 0."""
    text = value.strip()
    if re.fullmatch(r"\d(?:\.\d+)?[eE]\+?\d+", text):
        return (
            f"写成了“{text}”，Excel 把号码变成了科学计数法 → 在 Excel 里选中这一列，"
            "设置单元格格式为“文本”，重新输入号码后再保存"
        )
    # Area codes after the 0: two digits for 10 and 2x (Beijing, Shanghai, Guangzhou …), else three.
    bare = re.fullmatch(r"([1-9]\d{1,2})[ -](\d{7,8})", text) or re.fullmatch(
        r"([12]\d|[3-9]\d{2})(\d{7,8})", text
    )
    if bare and not re.fullmatch(r"1[3-9]\d{9}", text):
        return (
            f"写成了“{text}”，像是区号前面的 0 被 Excel 去掉了 → 在 Excel 里把这一列设置为“文本”格式，"
            f"写成“0{bare.group(1)}-{bare.group(2)}”这样带 0 的号码"
        )
    return None


def _site_url(value: Any) -> tuple[str | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).strip()
    if s.full_width_slip(text):
        return None, f"写成了“{text}”，里面有全角符号 → 关掉输入法的全角，重新输入网址"
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s\"'<>]*", text):
        return None, (
            f"写成了“{text}”，不是完整的网址 → 写这个单位的网站发布后的网址，以 https:// 开头，"
            "例如 https://fz.example.edu.cn/school-01/"
        )
    return (text if text.endswith("/") else text + "/"), None


def _slug(value: Any, site_url: str | None, name: Any) -> tuple[str, str | None]:
    """The variant's folder name: the 代号 column, else the last part of its 网址, else a stable
    code made from the name (so a row keeps its folder when rows are added or moved)."""
    if value is not None and str(value).strip():
        text = str(value).strip()
        if SLUG_RE.fullmatch(text):
            return text, None
        lower = text.lower()
        if SLUG_RE.fullmatch(lower):
            return lower, None
        return "", (
            f"写成了“{text}”→ 代号是这个单位的文件夹名，只能用小写英文字母、数字和连字符“-”，"
            "不超过 40 个字符，例如 school-01、dongcheng-pcs"
        )
    if site_url:
        last = [part for part in site_url.split("/") if part][-1].lower()
        if SLUG_RE.fullmatch(last) and "." not in last:
            return last, None
    digest = hashlib.sha1(str(name or "").encode("utf-8")).hexdigest()[:8]
    return f"org-{digest}", None


def shard(rows: Iterable[OrgRow], k: int, n: int) -> list[OrgRow]:
    """The K-th of N shares of the list (1-based), the same on every machine: the rows in the
    order of their 代号, dealt out in turn, so the shares differ by one row at most."""
    ordered = sorted(rows, key=lambda row: row.slug)
    return ordered[k - 1 :: n]


# -- a list to fill in ---------------------------------------------------------------------

TEMPLATE_HEADERS = (
    "代号",
    "单位名称",
    "简称",
    "类型",
    "电话",
    "地址",
    "派出所",
    "派出所电话",
    "网址",
    "部门",
    "标志",
    "备注",
)
TEMPLATE_ROWS = (
    (
        "school-01",
        "示例区第一实验小学",
        "一小",
        "学校",
        "0571-87650001",
        "示例区示例路 1 号",
        "示例区公安分局示例派出所",
        "0571-87650110",
        "https://fz.example.edu.cn/school-01/",
        "德育处",
        "",
        "示例行：换成本单位的信息",
    ),
    (
        "community-02",
        "示例街道示例社区居委会",
        "示例社区",
        "社区",
        "13800000000",
        "示例区示例街 2 号",
        "示例区公安分局示例派出所",
        "0571-87650110",
        "",
        "",
        "",
        "没写网址时，用 --base-url 加代号",
    ),
)


def write_template(path: Path) -> None:
    """A list to fill in: .xlsx with every column formatted as text (so Excel keeps a phone
    number's leading 0 and never writes 1.38E+10), or a CSV with a BOM Excel opens as UTF-8."""
    rows = [TEMPLATE_HEADERS, *TEMPLATE_ROWS]
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(_xlsx_bytes(rows))
        return
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def _xlsx_bytes(rows) -> bytes:
    from xml.sax.saxutils import escape

    width = len(rows[0])
    sheet_rows = []
    for number, row in enumerate(rows, start=1):
        style = 2 if number == 1 else 1
        cells = "".join(
            f'<c r="{column_letter(i)}{number}" t="inlineStr" s="{style}"><is><t>{escape(v)}</t></is></c>'
            for i, v in enumerate(row)
            if v
        )
        sheet_rows.append(f'<row r="{number}">{cells}</row>')
    widths = [12, 26, 12, 8, 16, 24, 26, 16, 36, 10, 16, 30]
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{widths[i] if i < len(widths) else 14}" style="1" customWidth="1"/>'
        for i in range(width)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="单位名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<styleSheet xmlns="{main}">'
            '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
            '<font><b/><sz val="11"/><name val="等线"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
            "</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{main}">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            "</sheetView></sheetViews>"
            f"<cols>{cols}</cols><sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text.encode("utf-8"))
    return out.getvalue()
