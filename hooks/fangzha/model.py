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


def _content(*, aliases_required: bool = False) -> dict[str, s.Field]:
    return {
        "audiences": s.Field(s.choices(AUDIENCES)),
        "aliases": s.Field(
            s.text_list(min_items=2 if aliases_required else 0, max_len=24),
            required=aliases_required,
            default=list,
        ),
        "reviewed": s.Field(s.date()),
    }


KIND_LABELS: Mapping[str, str] = {
    "home": "首页",
    "index": "目录",
    "audience": "人群导览",
    "scam": "诈骗类型",
    "quiz": "知识测验",
    "letter": "告知书",
    "handout": "宣传品",
    "lesson": "班会课",
    "guide": "指南",
}

# The order in which kinds are listed on mixed pages (an audience page, the home page).
LISTING_ORDER: tuple[str, ...] = ("scam", "quiz", "letter", "handout", "lesson", "guide")


def _kinds() -> dict[str, Kind]:
    own: dict[str, dict[str, s.Field]] = {
        "home": {},
        "index": {},
        "audience": {"audience": s.Field(s.choice(AUDIENCES))},
        "scam": {
            **_content(aliases_required=True),
            "category": s.Field(s.choice(CATEGORIES)),
            "sources": s.Field(s.text_list(max_len=80), required=False, default=list),
        },
        "quiz": _content(),
        "letter": {
            **_content(),
            # The date printed under the signature; the build date when left out.
            "issued": s.Field(s.date(not_after=dt.date.max), required=False),
        },
        "handout": {
            **_content(),
            "format": s.Field(s.choice(["poster", "cards", "stickers", "counter", "slogans"])),
        },
        "lesson": {**_content(), "duration": s.Field(s.integer(minimum=5, maximum=120))},
        "guide": _content(),
    }
    kinds = {}
    for name, fields in own.items():
        merged = {**_common(), **fields}
        kinds[name] = Kind(
            name=name,
            label=KIND_LABELS[name],
            fields=merged,
            sections=SCAM_SECTIONS if name == "scam" else (),
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
