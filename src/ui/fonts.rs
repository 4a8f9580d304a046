//! Fallback fonts from the system. egui's own fonts cover Latin, Greek and Cyrillic; comments
//! arrive in Arabic, Hebrew, Chinese and with U+FFFD where broken text was repaired. Without a
//! fallback those show as empty boxes.

use egui::epaint::text::InsertFontFamily;
use egui::{FontData, FontFamily, FontInsert, FontPriority};

/// Fonts tried in order on each platform; every one found is added as a fallback.
const CANDIDATES: &[&str] = &[
    // Debian/Ubuntu (fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk)
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    // macOS
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    // Windows
    "C:\\Windows\\Fonts\\seguisym.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
];

/// Adds every candidate font that exists.
pub fn add_system_fallbacks(ctx: &egui::Context) {
    for path in CANDIDATES {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        ctx.add_font(FontInsert {
            name: format!("system:{path}"),
            data: FontData::from_owned(bytes),
            families: [FontFamily::Proportional, FontFamily::Monospace]
                .into_iter()
                .map(|family| InsertFontFamily {
                    family,
                    priority: FontPriority::Lowest,
                })
                .collect(),
        });
    }
}
