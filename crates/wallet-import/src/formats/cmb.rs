//! China Merchants Bank (招商银行) debit and credit card CSVs.
