"""The message catalogues: deskapp.pot (every msgid in the code), zh_CN's .po and its compiled .mo."""
