//! What the generated comments are made of: the bank's label taxonomy, the topics customers
//! write about (each with its labels), the people who write, messages in other languages with
//! their English, and the lines of a chat. Data only; [`super::corpus`] puts them together.

/// The mailbox the demo streams' comment filters accept.
pub const MAILBOX: &str = "service@northwind.example";
pub(super) const OTHER_MAILBOX: &str = "newsletters@northwind.example";

/// The bank taxonomy: up to four levels, parents predicted on their own as well.
pub const BANK_LABELS: &[&[&str]] = &[
    &["Account"],
    &["Account", "Access"],
    &["Account", "Access", "Password Reset"],
    &["Account", "Access", "Password Reset", "Locked Out"],
    &["Account", "Closure"],
    &["Payments"],
    &["Payments", "Failed"],
    &["Payments", "Refund Request"],
    &["Cards"],
    &["Cards", "Lost or Stolen"],
    &["Complaint"],
    &["Complaint", "Fees"],
    &["General Enquiry"],
    &["Spam"],
];

pub(super) struct Topic {
    pub subject: &'static str,
    pub opening: &'static str,
    pub labels: &'static [usize],
}

pub(super) const TOPICS: &[Topic] = &[
    Topic {
        subject: "Locked out of online banking",
        opening: "I have tried to log in three times and now my account is locked.",
        labels: &[0, 1, 2, 3],
    },
    Topic {
        subject: "Payment did not go through",
        opening: "My transfer was rejected although there was enough money on the account.",
        labels: &[5, 6],
    },
    Topic {
        subject: "Refund for a double charge",
        opening: "The same card payment was taken twice. Please refund one of them.",
        labels: &[5, 7, 8],
    },
    Topic {
        subject: "Card lost on holiday",
        opening: "I lost my debit card yesterday evening, please block it right away.",
        labels: &[8, 9],
    },
    Topic {
        subject: "Why am I paying this fee?",
        opening: "There is a monthly account fee I never agreed to. This is not acceptable.",
        labels: &[10, 11],
    },
    Topic {
        subject: "Closing my account",
        opening: "I would like to close my savings account and move the balance.",
        labels: &[0, 4],
    },
    Topic {
        subject: "Opening hours over the holidays",
        opening: "Could you tell me when the branch on Market Street is open in December?",
        labels: &[12],
    },
];

pub(super) const PEOPLE: &[&str] = &[
    "anna.schmidt@example.de",
    "omar.haddad@example.ae",
    "li.wei@example.cn",
    "noa.levi@example.il",
    "marie.dupont@example.fr",
    "j.o'connor@example.ie",
    "priya.natarajan@example.in",
];

/// A message written in another language: what was sent, and the English the platform shows.
pub(super) struct Foreign {
    pub language: &'static str,
    pub subject: &'static str,
    pub english_subject: &'static str,
    pub opening: &'static str,
    pub english_opening: &'static str,
}

pub(super) const FOREIGN: &[Foreign] = &[
    Foreign {
        language: "de",
        subject: "Karte gesperrt",
        english_subject: "Card blocked",
        opening: "Guten Tag, meine Karte wurde gestern gesperrt. 🙏",
        english_opening: "Good afternoon, my card was blocked yesterday. 🙏",
    },
    Foreign {
        language: "ar",
        subject: "لم تصل الحوالة",
        english_subject: "Transfer not received",
        opening: "مرحبا، لم تصل الحوالة إلى حسابي بعد.",
        english_opening: "Hello, the transfer has not reached my account yet.",
    },
    Foreign {
        language: "he",
        subject: "חיוב כפול",
        english_subject: "Charged twice",
        opening: "שלום, חויבתי פעמיים על אותה עסקה.",
        english_opening: "Hello, I was charged twice for the same transaction.",
    },
    Foreign {
        language: "fr",
        subject: "Clôture de compte",
        english_subject: "Closing an account",
        opening: "Bonjour, je souhaite clôturer mon compte épargne.",
        english_opening: "Hello, I would like to close my savings account.",
    },
];

pub(super) const CHAT_CUSTOMER: &[&str] = &[
    "hi",
    "yes that's me",
    "it says error 4021 👀",
    "ok one sec",
    "still the same",
    "thanks!! 👍🏽",
];
pub(super) const CHAT_AGENT: &[&str] = &[
    "Hello, you are chatting with Maya. How can I help?",
    "Could you confirm your date of birth?",
    "Thank you. I can see the problem on our side.",
    "Please try again now.",
    "Is there anything else I can help with?",
];
