"""Every built page checked with the Nu HTML Checker: no error from our own markup."""

import shutil

import pytest
from htmlcheck import THEME_ERRORS, check_site

from util import ROOT

JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.mark.parametrize("variant", ["online", "offline"])
def test_no_html_errors_from_our_markup(variant, built_site, offline_site):
    if not JAR.exists() or not shutil.which("java"):
        pytest.fail(
            "the Nu HTML Checker needs Java and `npm ci` (vnu-jar); .ci/run installs both",
            pytrace=False,
        )
    site = built_site if variant == "online" else offline_site
    report = check_site(site, JAR)
    assert report["pages"] > 60
    assert report["own"] == []
    assert set(report["theme"]) <= set(THEME_ERRORS.values())
