"""The organisation block: every mistake named by key, with what was found and expected."""

import pytest

from fangzha.org import parse_org, tel_href

GOOD = {
    "name": "示例市第一实验学校",
    "short_name": "实验学校",
    "kind": "school",
    "phone": "0571-87654321",
    "address": "示例路 1 号",
    "police": {"name": "示例派出所", "phone": "0571-87650110"},
}


PHONE = '加引号的电话号码，例如 "0571-87654321"、"13812345678"、"400-123-4567" 或 "96110"'


def problems(**changes):
    raw = {**GOOD, **changes}
    raw = {k: v for k, v in raw.items() if v is not ...}
    return [str(p) for p in parse_org(raw)[1]]


def test_good_block_gets_default_helplines_and_tel_links():
    org, found = parse_org(GOOD)
    assert found == []
    assert [h["number"] for h in org["helplines"]] == ["110", "96110"]
    assert org["tel"] == "tel:057187654321"
    assert org["kind_label"] == "学校"


@pytest.mark.parametrize(
    "number",
    [
        "13812345678",
        "138 1234 5678",
        "0571-87654321",
        "010-12345678",
        "0571 8765 4321",
        "400-123-4567",
        "96110",
        "0571-96110",
        "110",
        "12345",
        "95588",
        "0571-87654321 转 8001",
    ],
)
def test_phone_numbers_people_write_are_accepted(number):
    assert problems(phone=number) == []


@pytest.mark.parametrize("number", ["1234", "12345678901234", "电话", "0571-8765", "+1 555 0100"])
def test_malformed_phone_is_named_with_expectation(number):
    assert problems(phone=number) == [
        f"mkdocs.yml: extra.org.phone：写成了“{number}” → 应当写{PHONE}"
    ]


def test_full_width_digits_in_a_phone_are_named():
    assert problems(phone="０５７１-87654321") == [
        "mkdocs.yml: extra.org.phone：写成了“０５７１-87654321” → 应当写"
        + PHONE
        + "（里面有全角数字“０”，请换成半角的“0”：关掉输入法的全角再输入）"
    ]


def test_unquoted_phone_says_the_leading_zero_was_lost():
    # YAML reads 057187654321 as the number 57187654321.
    assert problems(phone=57187654321) == [
        "mkdocs.yml: extra.org.phone：写成了没加引号的数字 57187654321 → 应当写" + PHONE
    ]


def test_wrong_type_names_key_found_and_expected():
    assert problems(name=["a", "b"]) == [
        "mkdocs.yml: extra.org.name：写成了一个列表（2 项） → 应当写一行文字（不超过 40 个字）"
    ]


def test_unknown_key_suggests_the_right_one():
    assert problems(adress="x") == [
        "mkdocs.yml: extra.org.adress：没有这一项（是不是想写 address？） → 可以写的项：name、short_name、"
        "kind、phone、address、department、logo、color、police、helplines"
    ]


def test_missing_required_key_and_nested_key_are_both_reported():
    found = problems(address=..., police={"name": "示例派出所"})
    assert found == [
        "mkdocs.yml: extra.org.address：缺少这一项 → 应当写一行文字（不超过 80 个字）",
        "mkdocs.yml: extra.org.police.phone：缺少这一项 → 应当写" + PHONE,
    ]


def test_kind_must_be_one_of_the_known_kinds():
    assert problems(kind="hospital") == [
        "mkdocs.yml: extra.org.kind：写成了“hospital” → 应当写其中之一：school（学校）、community（社区）、"
        "police（派出所）、bank（银行）、company（企业）"
    ]


def test_helpline_items_are_numbered_from_one():
    found = problems(helplines=[{"name": "报警", "number": "110"}, {"name": "坏", "number": "x"}])
    assert len(found) == 1
    assert found[0].startswith("mkdocs.yml: extra.org.helplines[2].number：写成了“x” → 应当写")


def test_missing_block_is_one_clear_line():
    assert [str(p) for p in parse_org(None)[1]] == [
        "mkdocs.yml: extra.org：缺少主办单位设置 → 在 mkdocs.yml 的 extra 下面写 org（见 README「品牌设置」）"
    ]


def test_line_numbers_point_at_the_key():
    _, found = parse_org({**GOOD, "phone": "x"}, lines={("phone",): 27})
    assert str(found[0]).startswith("mkdocs.yml:27: extra.org.phone：")


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("0571-87654321 转 8001", "tel:057187654321"),
        ("138 1234 5678", "tel:13812345678"),
        ("0571-87654321-8001", "tel:057187654321"),
        ("96110", "tel:96110"),
    ],
)
def test_tel_links_dial_the_main_number(number, href):
    assert tel_href(number) == href


# -- branding: the organisation's colour and logo --------------------------------------------


@pytest.mark.parametrize(
    "colour, clean",
    [("#0b4f8a", "#0b4f8a"), ("#A61B1B", "#a61b1b"), ("1d6b3a", "#1d6b3a"), ("#036", "#003366")],
)
def test_dark_colours_are_accepted_and_written_one_way(colour, clean):
    org, found = parse_org({**GOOD, "color": colour})
    assert found == [] and org["color"] == clean
    assert org["color_dark"].startswith("#") and org["color_dark"] != clean


def test_a_light_colour_is_refused_with_its_contrast_and_darker_examples():
    assert problems(color="#8fc1ff") == [
        "mkdocs.yml: extra.org.color：写成了“#8fc1ff”，白字写在这个颜色上对比度只有 1.9:1，"
        '手机上看不清 → 应当写更深一些的颜色，白字对比度至少 4.5:1（例如 "#0b4f8a" 深蓝、'
        '"#a61b1b" 深红、"#1d6b3a" 深绿）'
    ]


def test_colour_slips_are_named():
    assert "全角符号“＃”" in problems(color="＃0b4f8a")[0]
    assert "写成了“蓝色”" in problems(color="蓝色")[0]
    # color: #0b4f8a without quotes reaches us as nothing: YAML took it for a comment.
    assert problems(color=None) == [
        "mkdocs.yml: extra.org.color：是空的，多半是颜色没加引号（# 后面的字被当成了注释） → "
        '写成 color: "#0b4f8a"'
    ]


def test_logo_must_be_a_small_web_image_inside_docs(tmp_path):
    docs = tmp_path / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "img/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    (docs / "img/logo.bmp").write_bytes(b"BM" + b"\0" * 100)
    (docs / "img/big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 300 * 1024)

    def logo(path):
        return [str(p) for p in parse_org({**GOOD, "logo": path}, docs_dir=docs)[1]]

    assert logo("img/logo.png") == []
    assert logo("img/missing.png") == [
        "mkdocs.yml: extra.org.logo：找不到图片文件 docs/img/missing.png → 把标志图片放进 docs "
        "文件夹（例如 docs/assets/images/logo.png），这里写它在 docs 里的路径"
    ]
    assert logo("../outside.png")[0].startswith("mkdocs.yml: extra.org.logo：找不到图片文件")
    assert "用 PNG、JPG、SVG 或 WebP 格式" in logo("img/logo.bmp")[0]
    assert "图片有 300 KB" in logo("img/big.png")[0]
