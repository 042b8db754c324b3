"""The content model: what kinds of page exist and which front matter each needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import schema as s

AUDIENCES: Mapping[str, str] = {
    "students": "学生",
    "parents": "家长",
    "elderly": "老年人",
    "teachers": "教师",
    "finance": "财务人员",
    "residents": "社区居民",
}

# How the home page greets each audience.
AUDIENCE_ENTRY: Mapping[str, str] = {
    "students": "我是学生",
    "parents": "我是家长",
    "elderly": "我是老人",
    "teachers": "我是老师",
    "finance": "我是财务人员",
    "residents": "我是社区居民",
}

# Students by age (our editorial line, README 「学段」). Youngest first: the order matters,
# since a page unsuitable below a band is unsuitable for every band before it.
BANDS: Mapping[str, str] = {
    "primary_lower": "小学 1–3 年级",
    "primary_upper": "小学 4–6 年级",
    "junior": "初中",
    "senior": "高中/中职",
    "university": "大学",
}
BAND_ENTRY: Mapping[str, str] = {
    "primary_lower": "我上小学 1–3 年级",
    "primary_upper": "我上小学 4–6 年级",
    "junior": "我上初中",
    "senior": "我上高中或中职",
    "university": "我上大学",
}
PRIMARY_BANDS: tuple[str, ...] = ("primary_lower", "primary_upper")
# A lesson is for one band of students, or for a parents' meeting.
LESSON_BANDS: Mapping[str, str] = {**BANDS, "parents": "家长会"}

# Texts to read aloud, and how fast (字/分钟) a calm reader speaks each (README 「讲话稿与广播稿」).
SCRIPT_TYPES: Mapping[str, str] = {
    "speech": "讲话稿",
    "broadcast": "广播稿",
    "loop": "循环播放词",
}
SPEAKING_RATE: Mapping[str, int] = {"speech": 220, "broadcast": 240, "loop": 200}


def band_rank(band: str) -> int:
    """Position of a band from the youngest (0)."""
    return list(BANDS).index(band)


# The ten high-frequency types of the 2025 handbook (公安部 / 国家反诈中心), in its
# order, plus one bucket for the types this site adds for its audiences.
CATEGORIES: tuple[str, ...] = (
    "刷单返利",
    "虚假网络投资理财",
    "虚假网络贷款与虚假征信",
    "冒充电商物流客服",
    "冒充公检法及政府机关",
    "虚假购物服务",
    "冒充领导熟人",
    "网络游戏产品虚假交易",
    "网络婚恋交友",
    "机票退改签",
    "其他常见类型",
)
OTHER_CATEGORY = CATEGORIES[-1]

# Sections every scam page has, in this order (level-2 headings).
SCAM_SECTIONS: tuple[str, ...] = (
    "一句话识别",
    "典型案例",
    "骗局套路",
    "识别信号",
    "正确做法",
    "如果已经被骗",
    "防骗口诀",
)

# Sections every lesson plan has, in this order (level-2 headings).
LESSON_SECTIONS: tuple[str, ...] = ("教学目标", "课前准备", "教学过程", "教师提示", "班会记录表")

# What a page's facts rest on (README 「来源与复核」): the official document or law, who issued
# it and when. Required on scam and guide pages, shown at the foot of the page.
SOURCE = s.Schema(
    {
        "title": s.Field(s.text(max_len=60)),
        "by": s.Field(s.text(max_len=40)),
        "date": s.Field(s.when()),
        "url": s.Field(s.web_address(), required=False),
    }
)
SOURCED_KINDS: tuple[str, ...] = ("scam", "guide")

# The red-flag phrases of a scam page, for the message checker (README 「这条消息可疑吗？」):
# what the scammer says, what it means, how telling it is, and whether it only counts when the
# message asks the reader for it (a code, a password).
SIGNAL = s.Schema(
    {
        "words": s.Field(s.text_list(min_items=1, max_len=12)),
        "means": s.Field(s.text(max_len=60)),
        "weight": s.Field(s.integer(minimum=1, maximum=3), required=False, default=2),
        "asks": s.Field(s.boolean(), required=False, default=False),
    }
)

HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")


@dataclass(frozen=True)
class Kind:
    """A kind of page: its label, its own fields, and the sections it must have."""

    name: str
    label: str
    fields: Mapping[str, s.Field]
    sections: tuple[str, ...] = ()
    listed: bool = True  # appears in catalog.json and in card lists


def _common() -> dict[str, s.Field]:
    return {
        "kind": s.Field(s.choice(list(KIND_LABELS))),
        "title": s.Field(s.text(max_len=40)),
        "summary": s.Field(s.text(max_len=120)),
        "order": s.Field(s.integer(minimum=0, maximum=999), required=False),
        "hide": s.Field(s.choices(HIDE), required=False),
        "search": s.Field(
            s.Schema(
                {
                    "boost": s.Field(s.integer(minimum=0, maximum=100), required=False),
                    "exclude": s.Field(s.boolean(), required=False),
                }
            ),
            required=False,
        ),
    }


def _content(*, aliases_required: bool = False, banded: bool = True) -> dict[str, s.Field]:
    fields = {
        "audiences": s.Field(s.choices(AUDIENCES)),
        "aliases": s.Field(
            s.text_list(min_items=2 if aliases_required else 0, max_len=24),
            required=aliases_required,
            default=list,
        ),
        "reviewed": s.Field(s.date()),
        "sources": s.Field(s.ListOf(SOURCE, min_items=1), required=False),
        # Not suitable for students younger than this band (sextortion, loans, gambling,
        # criminal penalties …): the build refuses links to it from younger material.
        "min_band": s.Field(s.choice(BANDS), required=False),
    }
    if banded:
        # Which student ages the page suits; required when its audiences include students.
        fields["bands"] = s.Field(s.choices(BANDS), required=False, default=list)
    return fields


KIND_LABELS: Mapping[str, str] = {
    "home": "首页",
    "index": "目录",
    "audience": "人群导览",
    "scam": "诈骗类型",
    "quiz": "知识测验",
    "letter": "告知书",
    "handout": "宣传品",
    "lesson": "主题班会",
    "script": "讲话与广播稿",
    "screen": "大屏滚动",
    "guide": "指南",
    "drill": "模拟对话",
    "spot": "真还是假",
}

# The order in which kinds are listed on mixed pages (an audience page, the home page).
LISTING_ORDER: tuple[str, ...] = (
    "scam",
    "lesson",
    "quiz",
    "drill",
    "spot",
    "letter",
    "script",
    "handout",
    "screen",
    "guide",
)


def _kinds() -> dict[str, Kind]:
    own: dict[str, dict[str, s.Field]] = {
        "home": {},
        "index": {},
        "audience": {
            "audience": s.Field(s.choice(AUDIENCES)),
            # A students' page for one age band (the grade chooser leads there).
            "band": s.Field(s.choice(BANDS), required=False),
        },
        "scam": {
            **_content(aliases_required=True),
            "category": s.Field(s.choice(CATEGORIES)),
            "signals": s.Field(s.ListOf(SIGNAL, min_items=3), required=False),
        },
        "quiz": _content(),
        "letter": {
            **_content(),
            # The date printed under the signature; the build date when left out.
            "issued": s.Field(s.date(not_after=dt.date.max), required=False),
        },
        "handout": {
            **_content(),
            "format": s.Field(
                s.choice(["poster", "cards", "stickers", "counter", "slogans", "sheet"])
            ),
        },
        "lesson": {
            **_content(banded=False),
            "band": s.Field(s.choice(LESSON_BANDS)),
            "duration": s.Field(s.duration(minimum=5 * 60, maximum=120 * 60, bare="minutes")),
        },
        "script": {
            **_content(),
            "script_type": s.Field(s.choice(SCRIPT_TYPES)),
            "duration": s.Field(s.duration(minimum=10, maximum=20 * 60)),
        },
        "screen": _content(),
        "guide": _content(),
        "drill": _content(),
        "spot": _content(),
    }
    kinds = {}
    for name, fields in own.items():
        merged = {**_common(), **fields}
        if name in SOURCED_KINDS:
            merged["sources"] = s.Field(s.ListOf(SOURCE, min_items=1))
        kinds[name] = Kind(
            name=name,
            label=KIND_LABELS[name],
            fields=merged,
            sections={"scam": SCAM_SECTIONS, "lesson": LESSON_SECTIONS}.get(name, ()),
            listed=name not in ("home", "index", "audience"),
        )
    return kinds


KINDS: Mapping[str, Kind] = _kinds()


@dataclass
class ContentPage:
    """A Markdown page of the site with its validated front matter."""

    src_uri: str
    kind: str
    slug: str
    meta: dict
    body: str
    body_line: int  # 1-based line of the file where the body starts
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, level, text)

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def summary(self) -> str:
        return self.meta["summary"]

    @property
    def audiences(self) -> list[str]:
        return self.meta.get("audiences", [])

    @property
    def aliases(self) -> list[str]:
        return self.meta.get("aliases", [])

    @property
    def bands(self) -> list[str]:
        """The student bands the page suits, youngest first (a lesson's one band)."""
        if self.kind == "lesson" or (self.kind == "audience" and self.meta.get("band")):
            band = self.meta.get("band")
            return [band] if band in BANDS else []
        return sorted(self.meta.get("bands", []), key=band_rank)

    @property
    def min_band(self) -> str | None:
        return self.meta.get("min_band")
