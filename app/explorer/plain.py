"""Text from the data shown as text: never as Markdown, a link, an image or HTML.

Streamlit renders Markdown in st.markdown, st.caption, st.title/header/subheader, st.info/warning/error/
success and st.table cells. A scope name `[点我](https://…) ![p](https://…/pixel.png)` accepted through a
review would become a live link and an image the browser fetches; `plain()` escapes every ASCII punctuation
character with a backslash, which CommonMark turns back into the character itself. So the reader sees the
text exactly as stored, and `http://…`, `www.…`, `<b>` or `**bold**` stay text (autolinks need their `:`, `/`
and `.` unescaped). Apply it to every value from the warehouse, the seeds, a file or the URL that goes into a
Markdown-rendering element; the texts of explorer/i18n.py are the app's own Markdown.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def plain(value: object) -> str:
    """`value` as text that Markdown renders literally (None as empty)."""
    if value is None:
        return ""
    return _PUNCTUATION.sub(r"\\\1", str(value))
