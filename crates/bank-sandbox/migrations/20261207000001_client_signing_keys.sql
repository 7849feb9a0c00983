-- The request-signing keys of clients that have one (a JWK each). A client listed here must sign every
-- PISP request with x-jws-signature; the demo app, a public native client, has none.
CREATE TABLE client_signing_keys (
    client_id TEXT PRIMARY KEY,
    jwk TEXT NOT NULL
);
