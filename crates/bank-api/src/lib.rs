//! UK Open Banking v3.1.11 wire types and a typed HTTP client.
