// Ambient types for Vite's client (CSS side-effect imports, import.meta.env) and Svelte components.
/// <reference types="svelte" />
/// <reference types="vite/client" />
