//! A label's colour, from the colour number the run gave it ([`LabelColours`]): the same in the
//! comment list's chips, the label bars, the overview's table and its histogram. Two palettes of
//! the same hues, one for light and one for dark backgrounds, each readable on its own.

use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Vec2, vec2};
use std::sync::Arc;

use crate::api::LabelPath;
use crate::inspect::overview::LabelColours;

/// Dark enough to stand out on a light background.
const ON_LIGHT: [Color32; 11] = [
    Color32::from_rgb(31, 105, 170),
    Color32::from_rgb(196, 90, 0),
    Color32::from_rgb(36, 128, 50),
    Color32::from_rgb(190, 40, 45),
    Color32::from_rgb(120, 80, 170),
    Color32::from_rgb(130, 80, 60),
    Color32::from_rgb(185, 60, 140),
    Color32::from_rgb(110, 110, 20),
    Color32::from_rgb(0, 125, 135),
    Color32::from_rgb(60, 70, 160),
    Color32::from_rgb(140, 40, 80),
];

/// The same hues, light enough to stand out on a dark background.
const ON_DARK: [Color32; 11] = [
    Color32::from_rgb(110, 170, 235),
    Color32::from_rgb(250, 165, 80),
    Color32::from_rgb(120, 205, 120),
    Color32::from_rgb(245, 120, 115),
    Color32::from_rgb(185, 155, 235),
    Color32::from_rgb(205, 160, 135),
    Color32::from_rgb(240, 145, 205),
    Color32::from_rgb(205, 205, 95),
    Color32::from_rgb(80, 205, 210),
    Color32::from_rgb(145, 155, 240),
    Color32::from_rgb(225, 120, 160),
];

/// The colour of colour number `number` in this theme; grey for a label the run has not
/// numbered.
pub fn colour(visuals: &egui::Visuals, number: Option<usize>) -> Color32 {
    let palette = if visuals.dark_mode {
        &ON_DARK
    } else {
        &ON_LIGHT
    };
    match number {
        Some(number) => palette[number % palette.len()],
        None if visuals.dark_mode => Color32::from_gray(170),
        None => Color32::from_gray(110),
    }
}

/// The colour of `label`.
pub fn of(ui: &egui::Ui, colours: &LabelColours, label: &LabelPath) -> Color32 {
    colour(ui.visuals(), colours.number(label))
}

/// The text colour that reads on `fill`: black or white, whichever contrasts more.
pub fn text_on(fill: Color32) -> Color32 {
    if contrast(fill, Color32::BLACK) >= contrast(fill, Color32::WHITE) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white).
fn contrast(a: Color32, b: Color32) -> f32 {
    let relative = |c: Color32| {
        let linear = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b, _] = c.to_array();
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (x, y) = (relative(a), relative(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// A chip's text laid out, ready to paint with [`paint_chip`].
pub fn chip_galley(ui: &egui::Ui, text: &str, font: FontId, fill: Color32) -> Arc<Galley> {
    ui.painter()
        .layout_no_wrap(text.to_owned(), font, text_on(fill))
}

/// The space a chip of `galley` takes.
pub fn chip_size(galley: &Galley) -> Vec2 {
    galley.size() + vec2(8.0, 2.0)
}

/// Paints a chip: the text on a rounded rectangle of the label's colour, its left edge
/// centred on `left_center`.
pub fn paint_chip(painter: &egui::Painter, left_center: Pos2, galley: Arc<Galley>, fill: Color32) {
    let size = chip_size(&galley);
    let rect = Rect::from_min_size(left_center - vec2(0.0, size.y / 2.0), size);
    painter.rect_filled(rect, 4.0, fill);
    painter.galley(rect.min + vec2(4.0, 1.0), galley, Color32::PLACEHOLDER);
}

/// A small square of the label's colour before its name.
pub fn swatch(ui: &mut egui::Ui, fill: Color32) -> egui::Response {
    let side = ui.text_style_height(&egui::TextStyle::Body) * 0.7;
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
    if ui.is_rect_visible(rect) {
        let stroke = Stroke::new(1.0, ui.visuals().weak_text_color());
        ui.painter().rect_filled(rect, 2.0, fill);
        ui.painter()
            .rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Inside);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_stands_out_from_its_background_and_carries_its_chip_text() {
        for (visuals, palette) in [
            (egui::Visuals::light(), ON_LIGHT),
            (egui::Visuals::dark(), ON_DARK),
        ] {
            for fill in palette.iter().copied().chain([colour(&visuals, None)]) {
                let background = visuals.panel_fill;
                assert!(
                    contrast(fill, background) >= 2.5,
                    "{fill:?} on {background:?}"
                );
                assert!(
                    contrast(fill, text_on(fill)) >= 4.5,
                    "chip text on {fill:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_past_the_palette_wrap_and_both_themes_share_the_hue_order() {
        let light = egui::Visuals::light();
        assert_eq!(
            colour(&light, Some(0)),
            colour(&light, Some(ON_LIGHT.len()))
        );
        assert_ne!(colour(&light, Some(0)), colour(&light, Some(1)));
        assert_eq!(ON_LIGHT.len(), ON_DARK.len());
    }
}
