"""Text as it comes out of a PDF printed by Chromium, made searchable again.

Chromium's PDF writer gives each glyph one Unicode value in the text layer. CJK fonts such
as Noto Sans CJK draw a radical and the ideograph it looks like with the same glyph
(⽣ U+2F63 and 生 U+751F), and the writer may pick the radical, so copying "学生" from the
PDF gives "学⽣" and a search for 生 misses it. ``RADICAL_PAIRS`` maps each such radical
to its ideograph; it was read from the shared glyphs of Noto Sans CJK SC's cmap.
"""

from __future__ import annotations

import unicodedata

# Pairs of (radical, ideograph), written as one string of two-character pairs.
RADICAL_PAIRS = (
    "⺂乛⺃乚⺅亻⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺭礻⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀"
    "⺾艹⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄"
    "⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕"
    "⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干"
    "⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛"
    "⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石"
    "⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血"
    "⾏行⾐衣⾑襾⾒見⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑"
    "⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽"
    "⿍鼎⿎鼓⿏鼠⿑齊⿒齒⿓龍⿕龠"
)
_TABLE = {ord(RADICAL_PAIRS[i]): RADICAL_PAIRS[i + 1] for i in range(0, len(RADICAL_PAIRS), 2)}


def normalize(text: str) -> str:
    """Map radicals that stand for ideographs back to the ideographs."""
    return unicodedata.normalize("NFC", text.translate(_TABLE))


# -- repairing the text layer of a PDF ---------------------------------------------------------

import re as _re  # noqa: E402 - kept with the code that needs it

_SECTION = _re.compile(r"(\d+)\s+begin(bfchar|bfrange)\s*(.*?)\s*end\2", _re.S)
_HEX = _re.compile(r"<([0-9A-Fa-f]+)>")


def _decode(hex_text: str) -> str:
    data = bytes.fromhex(hex_text)
    return data.decode("utf-16-be", errors="surrogatepass")


def _encode(text: str) -> str:
    return text.encode("utf-16-be", errors="surrogatepass").hex().upper()


def fix_cmap(cmap: str) -> str | None:
    """Rewrite a ToUnicode CMap so radicals map to ideographs; None if nothing changed."""
    chars: list[tuple[str, str]] = []
    ranges: list[tuple[str, str, str]] = []
    changed = False
    for section in _SECTION.finditer(cmap):
        values = _HEX.findall(section.group(3))
        if section.group(2) == "bfchar":
            for code, dest in zip(values[0::2], values[1::2], strict=False):
                fixed = _encode(normalize(_decode(dest)))
                changed |= fixed != dest.upper()
                chars.append((code, fixed))
        else:
            if "[" in section.group(3):
                return None  # array form: not written by Chromium; leave untouched
            for start, end, dest in zip(values[0::3], values[1::3], values[2::3], strict=False):
                width = len(start)
                first, last, base = int(start, 16), int(end, 16), _decode(dest)
                run = [chr(ord(base[-1]) + i) for i in range(last - first + 1)]
                if any(normalize(ch) != ch for ch in run):
                    changed = True
                    for i, ch in enumerate(run):
                        chars.append((f"{first + i:0{width}X}", _encode(base[:-1] + normalize(ch))))
                else:
                    ranges.append((start, end, dest))
    if not changed:
        return None
    body = []
    for i in range(0, len(chars), 100):
        chunk = chars[i : i + 100]
        body.append(
            f"{len(chunk)} beginbfchar\n"
            + "\n".join(f"<{c}> <{d}>" for c, d in chunk)
            + "\nendbfchar"
        )
    for i in range(0, len(ranges), 100):
        chunk = ranges[i : i + 100]
        body.append(
            f"{len(chunk)} beginbfrange\n"
            + "\n".join(f"<{a}> <{b}> <{c}>" for a, b, c in chunk)
            + "\nendbfrange"
        )
    first = _SECTION.search(cmap)
    last_end = [m.end() for m in _SECTION.finditer(cmap)][-1]
    return cmap[: first.start()] + "\n".join(body) + cmap[last_end:]


def fix_pdf_text(data: bytes) -> tuple[bytes, int]:
    """Repair every font's ToUnicode map in a PDF; return the new bytes and fonts changed."""
    import io

    import pypdf
    from pypdf.generic import NameObject

    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)
    seen, changed = set(), 0
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            to_unicode = font.get(NameObject("/ToUnicode"))
            if to_unicode is None:
                continue
            stream = to_unicode.get_object()
            key = id(stream)
            if key in seen:
                continue
            seen.add(key)
            fixed = fix_cmap(stream.get_data().decode("latin-1"))
            if fixed is not None:
                stream.set_data(fixed.encode("latin-1"))
                changed += 1
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), changed
