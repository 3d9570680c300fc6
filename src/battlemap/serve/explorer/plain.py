"""Text from the data shown as text: never as Markdown, a link, an image or HTML.

Streamlit renders Markdown in st.markdown, st.caption, st.title/header/subheader, st.info/warning/error/
success and st.table cells. A scope name `[点我](https://…) ![p](https://…/pixel.png)` accepted through a
review would become a live link and an image the browser fetches. `plain()` backslash-escapes every
character that can start Markdown (CommonMark turns `\\x` back into `x`, so the reader sees the text as
stored): links and images (`[ ] !`), autolinks and HTML (`<`, `&`), emphasis and code (`* _ ~` and the
backtick), math (`$`), tables (`|`), headings and list markers at a line's start, and the parts GFM and
Streamlit read as links or directives — the `:` of `https://` and of `:red[…]`/`:material/…:`, the `.` of
`www.`, the `@` of an e-mail address. Other punctuation stays as it is, so `35.9%` or `(亿元)` read the same
in the page's source as on screen.

Apply it to every value from the warehouse, the seeds, a file or the URL that goes into a Markdown-rendering
element; the texts of explorer/i18n.py are the app's own Markdown.
"""

from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*_\[\]<>!|~$#&@])")
_LINE_START = re.compile(r"(?m)^(\s*)([-+=>]|\d+(?=[.)](?:\s|$)))")
_COLON = re.compile(r":(?=[\w/+\-\[])")
_WWW = re.compile(r"(?i)\b(www)\.")


def plain(value: object) -> str:
    """`value` as text that Markdown renders literally (None as empty)."""
    if value is None:
        return ""
    text = _ALWAYS.sub(r"\\\1", str(value))
    text = _COLON.sub(r"\\:", text)
    text = _WWW.sub(r"\1\\.", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(2) + "\\"), text)
