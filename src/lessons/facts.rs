//! Numbers the lessons quote, computed from their formulas so the text can
//! be checked against them: how long light takes to cross a distance, and
//! how much downtime a year an availability allows.

/// The speed of light in a vacuum, in kilometres per second.
pub const LIGHT_KM_PER_S: f64 = 299_792.458;

/// How much slower light travels in optical fibre than in a vacuum (the
/// glass's refractive index).
pub const FIBRE_REFRACTIVE_INDEX: f64 = 1.47;

/// The great-circle distance from New York to Sydney, in kilometres, rounded.
pub const NEW_YORK_TO_SYDNEY_KM: f64 = 16_000.0;

/// Hours in an average year (365.25 days).
pub const HOURS_PER_YEAR: f64 = 365.25 * 24.0;

/// The least time, in milliseconds, a signal needs to travel `km` one way
/// at the speed of light in a vacuum.
pub fn light_ms_in_vacuum(km: f64) -> f64 {
    km / LIGHT_KM_PER_S * 1_000.0
}

/// The least time, in milliseconds, light needs to travel `km` one way
/// through optical fibre.
pub fn light_ms_in_fibre(km: f64) -> f64 {
    light_ms_in_vacuum(km) * FIBRE_REFRACTIVE_INDEX
}

/// The least time, in milliseconds, light needs to travel `km` and back
/// in a vacuum.
pub fn round_trip_ms_in_vacuum(km: f64) -> f64 {
    2.0 * light_ms_in_vacuum(km)
}

/// The least time, in milliseconds, light needs to travel `km` and back
/// through optical fibre.
pub fn round_trip_ms_in_fibre(km: f64) -> f64 {
    2.0 * light_ms_in_fibre(km)
}

/// How many hours a year a system may be down and still have the given
/// availability (a fraction: 0.999 for "three nines").
pub fn downtime_hours_per_year(availability: f64) -> f64 {
    (1.0 - availability).max(0.0) * HOURS_PER_YEAR
}

/// The availability of a system that stays up while at least one of
/// `copies` independent replicas is up, each up `each` of the time.
pub fn availability_with_copies(each: f64, copies: u32) -> f64 {
    1.0 - (1.0 - each).powi(copies as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_needs_about_53_ms_from_new_york_to_sydney_in_a_vacuum() {
        let ms = light_ms_in_vacuum(NEW_YORK_TO_SYDNEY_KM);
        assert!((53.0..54.0).contains(&ms), "{ms}");
    }

    #[test]
    fn fibre_is_about_a_third_slower_than_vacuum() {
        let ms = light_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM);
        assert!((78.0..79.0).contains(&ms), "{ms}");
    }

    #[test]
    fn there_and_back_to_sydney_takes_107_ms_in_a_vacuum_and_157_ms_in_fibre() {
        let vacuum = round_trip_ms_in_vacuum(NEW_YORK_TO_SYDNEY_KM);
        let fibre = round_trip_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM);
        assert_eq!(format!("{vacuum:.0} {fibre:.0}"), "107 157");
    }

    #[test]
    fn three_nines_allow_under_nine_hours_down_a_year() {
        let hours = downtime_hours_per_year(0.999);
        assert!((8.7..8.8).contains(&hours), "{hours}");
        let minutes = downtime_hours_per_year(0.9999) * 60.0;
        assert!((52.0..53.0).contains(&minutes), "{minutes}");
    }

    #[test]
    fn two_copies_at_99_percent_are_up_99_99_percent() {
        let both = availability_with_copies(0.99, 2);
        assert!((both - 0.9999).abs() < 1e-12, "{both}");
    }
}
