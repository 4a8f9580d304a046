//! What the demo models' label definitions say: a title, the instructions labellers follow, and
//! for some labels the fields extracted with them. Labels not listed (the documentation's example
//! labels) have empty texts, as the service allows.

use serde_json::{Value, json};

/// `(name, title, instructions, fields)`; a field is `(name, kind, instructions)`.
type LabelText = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const AMOUNT: (&str, &str, &str) = ("Amount", "money", "The sum the customer names.");
const REFERENCE: (&str, &str, &str) = (
    "Reference",
    "reference",
    "The payment's or account's reference, as written.",
);

const TEXTS: &[LabelText] = &[
    (
        "Account",
        "Account",
        "Anything about the customer's account itself.",
        &[],
    ),
    (
        "Account > Access",
        "Account access",
        "The customer cannot get into online or mobile banking.",
        &[],
    ),
    (
        "Account > Access > Password Reset",
        "Password reset",
        "The customer asks for a new password or a reset link.",
        &[],
    ),
    (
        "Account > Access > Password Reset > Locked Out",
        "Locked out",
        "Too many failed log-ins locked the account; staff must unlock it.",
        &[],
    ),
    (
        "Account > Closure",
        "Account closure",
        "The customer wants to close an account.",
        &[REFERENCE],
    ),
    (
        "Payments",
        "Payments",
        "Transfers, direct debits and card payments.",
        &[],
    ),
    (
        "Payments > Failed",
        "Failed payment",
        "A payment was rejected or did not arrive.",
        &[AMOUNT, REFERENCE],
    ),
    (
        "Payments > Refund Request",
        "Refund request",
        "The customer asks for money back.",
        &[AMOUNT],
    ),
    ("Cards", "Cards", "Debit and credit cards.", &[]),
    (
        "Cards > Lost or Stolen",
        "Lost or stolen card",
        "The card must be blocked at once: the urgent queue.",
        &[],
    ),
    (
        "Complaint",
        "Complaint",
        "The customer is unhappy with the service or a decision.",
        &[],
    ),
    (
        "Complaint > Fees",
        "Fees complaint",
        "The customer disputes a fee.",
        &[AMOUNT],
    ),
    ("General Enquiry", "General enquiry", "", &[]),
    (
        "Spam",
        "Spam",
        "Marketing, phishing and automatic replies.",
        &[],
    ),
    ("Claim", "Claim", "", &[]),
    (
        "Claim > New",
        "New claim",
        "A first notice of loss: the customer reports a new claim.",
        &[REFERENCE],
    ),
    ("Claim > Status Query", "", "", &[]),
];

/// The label definition the validation's `default` group carries for `name`.
pub fn def(name: &str) -> Value {
    let Some((_, title, instructions, fields)) = TEXTS.iter().find(|text| text.0 == name) else {
        return json!({ "name": name, "title": "", "instructions": "" });
    };
    let mut def = json!({ "name": name, "title": title, "instructions": instructions });
    if !fields.is_empty() {
        let fields: Vec<Value> = fields
            .iter()
            .map(|(name, kind, instructions)| {
                json!({ "name": name, "kind": kind, "instructions": instructions })
            })
            .collect();
        def["moon_form"] = json!(fields);
    }
    def
}
