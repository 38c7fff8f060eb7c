//! The four numbers every link is described by (latency, jitter, loss and
//! duplication) in one table: the network panel's sliders and the
//! sandbox's form both read it, so a label, a unit or a limit is written
//! once.

use crate::lessons::controls::Control;
use crate::scenario::limits::{MAX_LINK_DELAY, MAX_PPM};
use crate::sim::LinkConfig;

/// One number of a link: its control (and so its label), unit, ranges,
/// and how it reads and writes a link.
pub struct LinkSetting {
    pub control: Control,
    /// The class its slider carries.
    pub class: &'static str,
    pub unit: &'static str,
    /// The top of the live slider: as far as a lesson's run needs.
    pub slider_max: u64,
    pub step: u64,
    /// The most a scenario may set, as links are validated.
    pub limit: u64,
    pub get: fn(&LinkConfig) -> u64,
    pub set: fn(&mut LinkConfig, u64),
}

const PPM_PER_PERCENT: u64 = 10_000;

/// A share in percent as parts per million, held to the limit.
fn ppm(percent: u64) -> u32 {
    u32::try_from((percent.saturating_mul(PPM_PER_PERCENT)).min(u64::from(MAX_PPM))).unwrap_or(MAX_PPM)
}

pub const LINK_SETTINGS: [LinkSetting; 4] = [
    LinkSetting {
        control: Control::Latency,
        class: "latency",
        unit: "ms",
        slider_max: 500,
        step: 5,
        limit: MAX_LINK_DELAY / 1_000,
        get: |l| l.latency / 1_000,
        set: |l, v| l.latency = v.min(MAX_LINK_DELAY / 1_000) * 1_000,
    },
    LinkSetting {
        control: Control::Jitter,
        class: "jitter",
        unit: "ms",
        slider_max: 200,
        step: 5,
        limit: MAX_LINK_DELAY / 1_000,
        get: |l| l.jitter / 1_000,
        set: |l, v| l.jitter = v.min(MAX_LINK_DELAY / 1_000) * 1_000,
    },
    LinkSetting {
        control: Control::Loss,
        class: "loss",
        unit: "%",
        slider_max: 50,
        step: 1,
        limit: MAX_PPM as u64 / PPM_PER_PERCENT,
        get: |l| u64::from(l.loss) / PPM_PER_PERCENT,
        set: |l, v| l.loss = ppm(v),
    },
    LinkSetting {
        control: Control::Duplication,
        class: "duplication",
        unit: "%",
        slider_max: 20,
        step: 1,
        limit: MAX_PPM as u64 / PPM_PER_PERCENT,
        get: |l| u64::from(l.duplicate) / PPM_PER_PERCENT,
        set: |l, v| l.duplicate = ppm(v),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_writes_what_it_reads_and_holds_to_its_limit() {
        for setting in &LINK_SETTINGS {
            let mut link = LinkConfig::default();
            (setting.set)(&mut link, setting.slider_max);
            assert_eq!((setting.get)(&link), setting.slider_max, "{}", setting.class);
            assert!(setting.slider_max <= setting.limit, "{}", setting.class);
            (setting.set)(&mut link, u64::MAX / 2);
            assert_eq!((setting.get)(&link), setting.limit, "{}", setting.class);
        }
    }
}
