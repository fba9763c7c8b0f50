"""Word lists shared by every country: international employers, departments and titles,
tags, events, where people met, conversation topics and the sentence templates that
interactions, notes and follow-ups are written from. Standard library and core only."""

from __future__ import annotations

from netdesk.core.model import INTERACTION_TYPES


def words(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(",") if s.strip())


#: Microsoft's well-known fictional companies: international employers with .com domains.
GLOBAL_COMPANIES: tuple[tuple[str, str], ...] = (
    ("Contoso Ltd.", "contoso.com"),
    ("Fabrikam, Inc.", "fabrikam.com"),
    ("Northwind Traders", "northwindtraders.com"),
    ("Adventure Works Cycles", "adventure-works.com"),
    ("Tailspin Toys", "tailspintoys.com"),
    ("Wide World Importers", "wideworldimporters.com"),
    ("Woodgrove Bank", "woodgrovebank.com"),
    ("Litware, Inc.", "litwareinc.com"),
    ("Proseware, Inc.", "proseware.com"),
    ("Coho Winery", "cohowinery.com"),
    ("Alpine Ski House", "alpineskihouse.com"),
    ("Trey Research", "treyresearch.net"),
    ("Lucerne Publishing", "lucernepublishing.com"),
    ("Margie's Travel", "margiestravel.com"),
)

DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Engineering": words(
        "Software Engineer, Senior Software Engineer, Staff Engineer, Engineering Manager, "
        "VP Engineering, Principal Engineer, DevOps Engineer, Backend Developer"
    ),
    "Product": words("Product Manager, Senior Product Manager, Head of Product, Product Owner"),
    "Design": words("UX Designer, UX Researcher, Design Lead, Product Designer"),
    "Data": words("Data Scientist, Data Analyst, Head of Data, Machine Learning Engineer"),
    "Sales": words("Account Executive, Sales Director, Key Account Manager, Sales Lead DACH"),
    "Marketing": words("Marketing Manager, Content Strategist, Growth Lead, CMO"),
    "Talent Acquisition": words(
        "Technical Recruiter, Senior Recruiter, Head of Talent Acquisition, Talent Partner"
    ),
    "People & Culture": words("HR Business Partner, People Operations Lead, Chief People Officer"),
    "Finance": words("Controller, Financial Analyst, CFO, Head of Finance"),
    "Operations": words("Operations Manager, COO, Supply Chain Lead, Project Manager"),
    "Legal": words("Legal Counsel, General Counsel, Compliance Officer"),
    "Research & Development": words("Research Scientist, R&D Engineer, Head of R&D"),
    "Customer Success": words("Customer Success Manager, Solutions Architect, Support Lead"),
}
DEPARTMENT_NAMES = tuple(DEPARTMENTS)
ALL_TITLES = tuple(t for titles in DEPARTMENTS.values() for t in titles)
LEADER_TITLES = words("Founder & CEO, Managing Director, CTO, Co-founder, Partner")
LOCAL_TITLES: dict[str, tuple[str, ...]] = {
    "DE": words("Geschäftsführerin, Geschäftsführer, Leiter Vertrieb, Teamleiterin IT, Referentin"),
    "AT": words("Geschäftsführer, Prokuristin, Abteilungsleiter"),
    "FR": words("Directrice marketing, Responsable RH, Chef de projet, Ingénieur logiciel"),
    "ES": words("Directora de ventas, Jefe de proyecto, Responsable de RR. HH."),
}

TAG_POOL = words(
    "alumni, recruiter, mentor, former-colleague, hiring-manager, investor, freelancer, "
    "speaker, reference, client, vendor, open-source, founder, classmate, meetup, volunteer, "
    "friend, job-search, board, mentee"
)
#: (name as written in met_at, tag slug, month it usually takes place)
EVENTS: tuple[tuple[str, str, int], ...] = (
    ("Hannover Messe", "hannover", 4),
    ("Web Summit Lisbon", "web-summit", 11),
    ("VivaTech Paris", "vivatech", 6),
    ("Slush Helsinki", "slush", 11),
    ("DMEXCO Köln", "dmexco", 9),
    ("re:publica Berlin", "republica", 5),
    ("PyCon DE", "pycon-de", 4),
    ("FOSDEM Brussels", "fosdem", 2),
    ("CES Las Vegas", "ces", 1),
    ("SXSW Austin", "sxsw", 3),
    ("MWC Barcelona", "mwc", 2),
    ("IFA Berlin", "ifa", 9),
    ("gamescom", "gamescom", 8),
)
MET_PLACES = words(
    "LinkedIn, alumni meetup, university, coworking space, hackathon, career fair, "
    "Berlin Python meetup, friend's wedding, a former colleague's farewell party, "
    "online course, volunteering at the food bank, bootcamp, Twitter/X, Slack community"
)
NICKNAMES: dict[str, str] = {
    "Maximilian": "Max",
    "Michael": "Mike",
    "Christopher": "Chris",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Aleksandra": "Ola",
    "Alessandro": "Ale",
    "Giuseppe": "Beppe",
    "Francesca": "Fra",
    "Elisabeth": "Lisi",
    "Alexander": "Alex",
}

TOPICS = words(
    "the platform migration, Series B fundraising, the remote-work policy, the Kubernetes "
    "rollout, salary bands, their new team, the data strategy, an open Staff Engineer role, "
    "product-market fit, the reorg, AI tooling, the EU AI Act, hiring plans for next quarter, "
    "their conference talk, mentoring juniors, pricing, supply-chain delays, the move to "
    "Lisbon, parental leave, a side project, the IPO rumours, switching to consulting, "
    "a career change into UX, the hiring freeze, visa sponsorship, four-day weeks"
)
ROLES = words(
    "Senior Product Manager, Staff Engineer, Head of Data, Engineering Manager, UX Researcher, "
    "Solutions Architect, Sales Lead DACH, Data Analyst, Platform Engineer, Programme Manager"
)
PLACES = words(
    "Café Einstein, their office, a coworking space, Blue Bottle, the station café, "
    "the Italian place near the office, Zoom, Teams, Google Meet, the Kaffeehaus"
)

SUMMARIES: dict[str, tuple[str, ...]] = {
    "meeting": (
        "Coffee at {place}",
        "Lunch to catch up on {topic}",
        "Met at the {company} office to discuss {topic}",
        "Walk-and-talk about {topic}",
        "Breakfast about the {role} role",
        "Catch-up over drinks in {city}",
        "1:1 about {topic}",
    ),
    "call": (
        "Phone call about {topic}",
        "Quick call: {role} opening at {company}",
        "Video call to catch up",
        "Called to ask about {topic}",
        "Zoom call re {topic}",
        "Missed call, called back later",
    ),
    "email": (
        "Emailed about {topic}",
        "Sent CV for the {role} role at {company}",
        "Shared an article on {topic}",
        "Follow-up email after the intro",
        "Asked for feedback on my portfolio",
        "Re: {topic}",
        "Sent the slides from {event}",
    ),
    "message": (
        "LinkedIn message about {topic}",
        "WhatsApp: congrats on the new job at {company}",
        "Signal chat about {topic}",
        "Slack DM about {topic}",
        "Texted happy birthday",
        "LinkedIn: connected after {event}",
    ),
    "note": (
        "Heard they're leaving {company}",
        "Started a new role at {company}",
        "Promoted to {role}",
        "Moved to {city}",
        "Mentioned they're hiring a {role}",
        "Reminder: interested in {topic}",
    ),
    "event": (
        "Met at {event}",
        "Saw them speak at {event}",
        "{event}: visited the {company} booth",
        "Meetup on {topic} in {city}",
        "Alumni evening in {city}",
        "Panel on {topic} at {event}",
    ),
    "interview": (
        "First-round interview for {role} at {company}",
        "Technical interview at {company}",
        "Final round with {company} leadership",
        "Informational interview about {role} roles",
        "Case-study presentation at {company}",
    ),
    "thank-you sent": (
        "Thank-you note after the interview at {company}",
        "Thanked them for the intro to {company}",
        "Sent a thank-you card",
        "Thanked them for the advice on {topic}",
    ),
    "introduction": (
        "Introduced to someone at {company}",
        "Intro re the {role} opening at {company}",
        "Warm intro to a {role} at {company}",
        "Introduction for advice on {topic}",
    ),
    "help given": (
        "Reviewed their CV",
        "Shared contacts at {company}",
        "Gave feedback on their pitch deck",
        "Referred them for the {role} role at {company}",
        "Helped them prepare for the interview at {company}",
    ),
    "help received": (
        "Got feedback on my CV",
        "Referral for the {role} role at {company}",
        "Advice on {topic}",
        "Salary negotiation tips",
        "Mock interview practice",
    ),
    "advice": (
        "Advice on moving into {topic}",
        "Tips on the {role} market in {city}",
        "Told me which teams at {company} are growing",
    ),
    "reference": (
        "Agreed to be a reference for {company}",
        "Gave a reference call to {company}",
    ),
    "news shared": (
        "Shared my news: new role at {company}",
        "Told them about the move to {city}",
    ),
}
NOTE_SENTENCES = (
    "Their main focus this year: {topic}.",
    "Promised to send the slides.",
    "Follow up in two weeks.",
    "Good chemistry; keep warm.",
    "{company} is hiring in {city} — ask again next quarter.",
    "Their manager is looking for a {role}.",
    "Recommended reading: “The Manager's Path”.",
    "Busy season for them until the end of the month.",
    "Prefers Signal over email.",
    "Open to coffee next time I'm in {city}.",
    "Knows the hiring manager at {company}.",
    "Asked me to keep them posted on {topic}.",
    "Mentioned a budget freeze at {company}.",
    "Suggested I talk to their former team lead.",
)
#: (type, relative frequency)
TYPE_WEIGHTS: dict[str, int] = {
    "email": 28,
    "message": 18,
    "call": 14,
    "meeting": 12,
    "note": 8,
    "event": 5,
    "thank-you sent": 4,
    "interview": 3,
    "introduction": 3,
    "help given": 3,
    "help received": 2,
    "advice": 2,
    "reference": 1,
    "news shared": 1,
}
if set(TYPE_WEIGHTS) != set(INTERACTION_TYPES):  # pragma: no cover - guards model changes
    raise RuntimeError("demo vocabulary: TYPE_WEIGHTS is out of step with INTERACTION_TYPES")

CONTACT_NOTES = (
    "Met at the {event} booth; interested in {topic}.",
    "Knows everyone in the {city} start-up scene.",
    "Prefers phone calls over email.",
    "Former team lead at {company}. Great mentor.",
    "Two kids, runs marathons.\nAsk about the Berlin marathon.",
    "Offered to review my CV.",
    "Hiring for a {role} — check back in spring.",
    "Vegetarian; likes the Italian place near the office.",
    "Speaks German, English and Portuguese.",
    "Introduced me to the team at {company}.",
    "Alumni network contact. Works on {topic}.",
)

FOLLOW_UP_REASONS = (
    "Send thank-you note",
    "Ask about the opening at {company}",
    "Send CV for the {role} role",
    "Follow up on the intro to {company}",
    "Share the article on {topic}",
    "Congratulate on the new role",
    "Check in after {event}",
    "Book a coffee",
    "Reply to their LinkedIn message",
    "Send portfolio link",
    "Ask for a referral at {company}",
    "Ask for news on {topic}",
    "Send the slides",
    "Invite to the alumni dinner",
)

EVENT_NAMES = tuple(e[0] for e in EVENTS)
