//! Timestamps as the analyst reads them: local time with the zone's name.

use jiff::tz::TimeZone;

use crate::api::Timestamp;

/// `timestamp` in the system's time zone, e.g. `2025-11-03 10:15:00 CET (Europe/Prague)`;
/// the text as the API sent it when it is no time we can read.
pub fn local_time(timestamp: &Timestamp) -> String {
    time_in(timestamp, &TimeZone::system())
}

/// `timestamp` in `zone`. The abbreviation alone is ambiguous (`IST`), so the zone's IANA name
/// follows when there is one and it says something the abbreviation does not.
pub fn time_in(timestamp: &Timestamp, zone: &TimeZone) -> String {
    let Some(instant) = timestamp.instant else {
        return timestamp.text.to_string();
    };
    let zoned = instant.to_zoned_datetime(zone.clone());
    let shown = zoned.strftime("%Y-%m-%d %H:%M:%S %Z").to_string();
    match zone.iana_name() {
        Some(name) if !shown.ends_with(name) => format!("{shown} ({name})"),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_local_time_with_the_zone_and_keeps_unreadable_text() {
        let timestamp = Timestamp::parse("2025-11-03T09:15:00Z");
        assert_eq!(
            time_in(&timestamp, &TimeZone::UTC),
            "2025-11-03 09:15:00 UTC"
        );
        let prague = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        assert_eq!(time_in(&timestamp, &prague), "2025-11-03 10:15:00 CET");
        let summer = Timestamp::parse("2025-07-01T09:15:00+00:00");
        assert_eq!(time_in(&summer, &prague), "2025-07-01 11:15:00 CEST");
        assert_eq!(local_time(&Timestamp::parse("yesterday")), "yesterday");
    }

    #[test]
    fn names_the_iana_zone_when_the_system_has_one() {
        let Ok(zone) = TimeZone::get("Europe/Prague") else {
            return; // no time zone database on this machine; the POSIX test above covers it
        };
        let timestamp = Timestamp::parse("2025-11-03T09:15:00Z");
        assert_eq!(
            time_in(&timestamp, &zone),
            "2025-11-03 10:15:00 CET (Europe/Prague)"
        );
    }
}
