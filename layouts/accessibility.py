"""/accessibility — the accessibility statement, in the shape of the UK public-sector model statement.

Required for public-sector websites (Public Sector Bodies Accessibility Regulations 2018, monitored
against WCAG 2.2 AA). Known issues are listed honestly. Who runs the instance and how to contact them
are settings (``CDP_OPERATOR``, ``CDP_CONTACT``); unset, the statement says so in general words, never with a
placeholder.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from config import get_settings
from layouts._shared.shell import SERVICE_NAME

dash.register_page(
    __name__,
    path="/accessibility",
    name="Accessibility statement",
    nav=False,
    title=f"Accessibility statement – {SERVICE_NAME}",
    description="How accessible this dashboard is, its known issues, and how to report a problem.",
    order=50,
)

PREPARED = "22 November 2026"
WCAG_URL = "https://www.w3.org/TR/WCAG22/"
EHRC_URL = "https://www.equalityadvisoryservice.com/"
ECNI_URL = "https://www.equalityni.org/Home"

KNOWN_ISSUES = (
    "The interactive map needs a mouse or other pointing device to show an area's details on hover. Every value "
    "on the map is also in the table under it (“Show as table”) and in the CSV download (WCAG 2.1.1 Keyboard).",
    "Interactive charts are drawn by Plotly. Their hover labels are not reachable by keyboard and some mode-bar "
    "buttons have no accessible name. Each chart has a text summary, a table alternative and a CSV download "
    "(WCAG 1.1.1 Non-text content, 2.1.1 Keyboard, 4.1.2 Name, role, value).",
    "The area search boxes offer their suggestions through the browser's own list (an HTML datalist); how "
    "screen readers announce the suggestions differs between browsers. Every other choice is a native select "
    "or radio button (WCAG 4.1.2 Name, role, value).",
    "The compare table is wide: on a phone it scrolls sideways, with the partnership name kept in view "
    "(WCAG 1.4.10 Reflow).",
    "Chart text inside images exported from the charts (PNG) is not readable by assistive technology; use the "
    "CSV download instead (WCAG 1.4.5 Images of text).",
    "Demonstration data is marked in words on every page, but the banner is not announced again after the page "
    "content changes without a reload.",
)


def _section(title: str, *children: Any) -> html.Section:
    return html.Section([html.H2(title), *children])


def run_by(operator: str | None) -> str:
    """ "This website is run by <operator>. ", or nothing when the instance does not name one."""
    return f"This website is run by {operator}. " if operator else ""


def contact_words(contact: str | None, operator: str | None) -> str:
    """How to ask for help: the configured contact, else the organisation that runs the site, in words."""
    if contact:
        return f"contact: {contact}"
    return f"contact {operator}" if operator else "contact the organisation that runs this website"


def layout(**_query: Any) -> html.Div:
    settings = get_settings()
    return html.Div([
        html.H1("Accessibility statement"),
        html.P(f"This accessibility statement applies to the {SERVICE_NAME} dashboard."),
        _section(
            "Using this website",
            html.P(f"{run_by(settings.operator)}We want as many people as possible to be able to use it. For "
                   "example, that means you should be able to:"),
            html.Ul([
                html.Li("change colours, contrast levels and fonts using browser or device settings"),
                html.Li("zoom in up to 400% without the text spilling off the screen"),
                html.Li("navigate most of the website using just a keyboard or speech recognition software"),
                html.Li("listen to most of the website using a screen reader"),
                html.Li("read every chart's values in a table and download them as CSV"),
                html.Li("understand comparisons without colour: every coloured mark also has a symbol and words"),
            ]),
            html.P("We have also made the website text as simple as possible to understand."),
        ),
        _section(
            "How accessible this website is",
            html.P("We know some parts of this website are not fully accessible:"),
            html.Ul([html.Li(issue) for issue in KNOWN_ISSUES]),
        ),
        _section(
            "Feedback and contact information",
            html.P("If you find any problems not listed on this page, or you need information on this website in a "
                   "different format such as accessible PDF, large print, easy read or audio, "
                   f"{contact_words(settings.contact, settings.operator)}."),
            html.P("We'll consider your request and get back to you within 10 working days."),
        ),
        _section(
            "Enforcement procedure",
            html.P(["The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
                    "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "
                    "‘accessibility regulations’). If you're not happy with how we respond to your complaint, ",
                    html.A("contact the Equality Advisory and Support Service (EASS)", href=EHRC_URL), "."]),
        ),
        _section(
            "Technical information about this website's accessibility",
            html.P("We are committed to making this website accessible, in accordance with the Public Sector "
                   "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018."),
            html.H3("Compliance status"),
            html.P(["This website is partially compliant with the ",
                    html.A("Web Content Accessibility Guidelines version 2.2", href=WCAG_URL),
                    " AA standard, due to the non-compliances listed below."]),
        ),
        _section(
            "Non-accessible content",
            html.P("The content listed below is non-accessible for the following reasons."),
            html.H3("Non-compliance with the accessibility regulations"),
            html.Ul([html.Li(issue) for issue in KNOWN_ISSUES[:5]]),
            html.P("We plan to fix these issues as the dashboard is developed; until then every chart and map value "
                   "is available as an accessible table and a CSV file."),
            html.H3("Disproportionate burden"),
            html.P("We are not claiming disproportionate burden for any content."),
        ),
        _section(
            "What we're doing to improve accessibility",
            html.P("Pages use native HTML controls where we can, a skip link, visible focus, headings in order, "
                   "tables with captions and header cells, and colour-blind-safe colours with symbols and words. "
                   "Automated checks run on every change."),
        ),
        _section(
            "Preparation of this accessibility statement",
            html.P(f"This statement was prepared on {PREPARED}. It was last reviewed on {PREPARED}."),
            html.P("This website was tested by the team that builds it: automated axe-core checks in headless "
                   "Chromium on the main pages, and manual keyboard testing (tabbing through every control, "
                   "operating pickers and “Show as table” disclosures, and checking the focus indicator). It was "
                   "also checked at 375 pixels wide. It has not yet been audited by an external organisation."),
        ),
    ])
