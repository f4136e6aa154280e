"""The functions that show something to a person: a message, a question, a screen.

One list for every rule that asks "does this code need a person?": inside a
transaction (TRN004) and in jobs or web services (UI001).
"""

from __future__ import annotations

UI_CALLS = (
    "msgalert",
    "msginfo",
    "msgstop",
    "msgyesno",
    "msgnoyes",
    "msgbox",
    "msgrun",
    "apmsgalert",
    "apmsginfo",
    "apmsgstop",
    "apmsgyesno",
    "apmsgnoyes",
    "alert",
    "aviso",
    "help",
    "messagebox",
    "pergunte",
    "parambox",
    "fwalerterror",
    "fwalertinfo",
    "fwalertsuccess",
    "fwalertwarning",
    "fwalertyesno",
)
