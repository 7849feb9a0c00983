//! ISO 20022 CAMT.053 bank-to-customer statements, versions .001.02 and .001.08.
