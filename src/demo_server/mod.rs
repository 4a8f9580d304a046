//! The stand-in Communications Mining server: same routes and envelope as the real service, on loopback.
