"""Accessibility checks for browser tests: axe-core, limited to the WCAG 2.2 AA rules we must meet."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_axe = Axe()


def assert_accessible(page):
    """Fail with a readable list of axe violations (rule, impact, help and each failing element)."""
    _wait_for_layout(page)
    violations = _axe.run(page, options=_OPTIONS).response["violations"]
    assert not violations, _describe(page, violations)


def _wait_for_layout(page):
    """Let web fonts finish loading and the header settle: when a font arrives the NHS.UK header moves
    navigation items into its "More" menu, and axe running mid-move sees half-hidden links. Two animation
    frames, not one: the header moves its items in a resize callback that can run a frame later (one frame
    still let axe see a link mid-move, white on the menu's grey, on a machine busy with other tests)."""
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
    )


def _describe(page, violations):
    lines = [f"{len(violations)} accessibility violation(s) on {page.url} ({page.title()!r}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)
