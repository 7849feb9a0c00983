//! OFX/QFX statements, v1 (SGML) and v2 (XML), bank and credit card.
