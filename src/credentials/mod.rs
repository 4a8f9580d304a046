//! Named connections: endpoint and token in the OS keyring, never in a plain file.
