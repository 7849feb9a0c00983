//! ICBC (工商银行) debit and credit card CSV downloads.
