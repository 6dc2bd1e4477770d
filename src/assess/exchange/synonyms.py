"""Synonym groups of the security domain, for the questionnaire matcher.

General domain knowledge, not tied to any control: words (German and English, as people write
them) that mean the same thing in an IT-security questionnaire. A word or phrase of a group, in a
row or in a control's texts, adds the group's concept (``=backup``), so that Sicherungskopie in a
row meets Datensicherung in the catalog and "air-gapped" meets "getrennt vom Netz". The concept
is shown among a candidate's matched terms, so a match stays explainable.

Entries go through the matcher's own folding and stemming; an entry of several words matches
those words in sequence.
"""

from __future__ import annotations

GROUPS: dict[str, tuple[str, ...]] = {
    "backup": (
        "Datensicherung", "Datensicherungen", "Backup", "Backups", "Sicherungskopie",
        "Sicherungskopien", "Sicherungsstand", "Sicherungsstände", "Bandsicherung",
        "backed up", "back up", "backup copy", "Vollsicherung", "Snapshot",
        "Sicherungsmedium", "Sicherungsmedien", "Backup-Software", "Sicherungsplan",
        "externe Festplatte", "USB-Festplatte", "USB-Platte", "Daten sichern", "Daten gesichert",
        "gesicherte Daten", "Kopie der Daten", "Datenkopie", "copy of the data",
    ),
    "restore": (
        "Wiederherstellung", "Wiederherstellungen", "Rücksicherung", "Restore", "restoration",
        "restored", "Recovery", "wiederherstellen",
        "wiederhergestellt", "recover",
        "zurückholen", "Rückspielen", "Wiederherstellbarkeit", "restores",
        "recoverability", "Restore-Test", "Rücksicherungstest",
        "zurückspielen", "zurückgespielt", "wieder einspielen", "Daten zurückholen",
    ),
    "offline": (
        "offline", "air gap", "air gapped", "air-gapped", "immutable", "unveränderbar",
        "unveränderlich", "getrennt vom Netz", "vom Netz getrennt", "Auslagerung", "ausgelagert",
        "WORM",
        "außer Haus", "Offsite", "off-site", "Tresor", "nicht angeschlossen",
        "unplugged", "disconnected", "getrennt aufbewahrt",
        "nicht dauernd", "nicht ständig", "nicht dauerhaft", "abgesteckt", "abgestöpselt",
        "getrennt gelagert", "not permanently connected", "kept offline",
    ),
    "mfa": (
        "Zwei-Faktor", "2FA", "MFA", "Mehr-Faktor", "Multi-Faktor", "zweiter Faktor",
        "zweiten Faktor", "two-factor", "multi-factor", "second factor", "Authenticator",
        "OTP", "TOTP", "Einmalcode", "Einmalpasswort", "Handy-Bestätigung",
        "Hardware-Token", "FIDO2",
        "Push-Bestätigung", "SMS-Code", "Authenticator-App", "zweistufig",
        "two-step", "one-time password", "Sicherheitsschlüssel", "security key",
    ),
    "malware": (
        "Virenschutz", "Virenscanner", "Antivirus", "Anti-Virus", "Antivirenprogramm",
        "Schadsoftware", "Schadprogramm", "Schadprogramme", "Malware", "Viren", "Virus",
        "Trojaner", "EDR", "XDR", "Endpoint-Schutz", "Endpoint Protection", "endpoint detection",
        "Endpunktschutz", "Virenschutzprogramm", "anti-malware", "antimalware",
        "next-generation antivirus", "AV", "AV-Software",
    ),
    "ransomware": (
        "Ransomware", "Erpressungstrojaner", "Verschlüsselungstrojaner", "Erpressersoftware",
        "Kryptotrojaner",
    ),
    "patch": (
        "Patch", "Patches", "Patchmanagement", "Update", "Updates", "Sicherheitsupdate",
        "Aktualisierung", "Aktualisierungen", "Programmaktualisierung", "Softwareaktualisierung",
        "patching", "patched", "Firmware-Update", "Sicherheitsstand",
        "Patchstand", "Patchzyklus",
        "WSUS", "veraltete Software", "end of life", "Updatestand", "security updates",
        "neuesten Stand", "automatische Updates", "up to date", "up-to-date",
        "RMM", "Patchmgmt", "Patch-Mgmt", "Patch-Management", "patch management",
    ),
    "firewall": (
        "Firewall", "Firewalls", "Paketfilter", "Perimeter", "Netzgrenze", "UTM", "FW", "FWs",
        "Firewallregeln", "Firewall-Regelwerk", "firewall rules",
    ),
    "password": (
        "Passwort", "Passwörter", "Kennwort", "Kennwörter", "password", "passwords",
        "passphrase", "Passwortrichtlinie", "Kennwortrichtlinie", "password policy",
        "Passwortlänge", "Kennwortlänge", "Passwortkomplexität", "Passwortregeln",
        "Passwortmanager",
        "password manager", "password complexity", "PW", "PWs", "Passwörtern",
    ),
    "default_password": (
        "Standardpasswort", "Standardkennwort", "Herstellerkennwort", "Herstellerpasswort",
        "Default-Passwort", "voreingestelltes Passwort", "default password", "default credentials",
        "Werkseinstellung", "factory default",
        "Initialpasswort", "Initialkennwort", "Auslieferungszustand", "default credentials",
        "vendor default",
        "Passwort vom Hersteller", "Passwort des Herstellers", "Kennwort vom Hersteller",
        "manufacturer password",
    ),
    "admin": (
        "Administrator", "Administratoren", "Admin", "Admins", "Admin-Konto", "Adminkonto",
        "Domänen-Admin", "Domänenadmin", "privilegiert", "privilegierte", "privileged", "root",
        "PAM",
    ),
    "rights": (
        "Berechtigung", "Berechtigungen", "Zugriffsrechte", "Benutzerrechte", "Rechtevergabe",
        "least privilege", "least-privilege", "need to know", "Minimalprinzip", "minimale Rechte",
        "permissions", "access rights", "Rechtekonzept",
        "Rollenkonzept", "Berechtigungskonzept", "RBAC", "role-based access",
        "Zugriffsberechtigung",
        "Zugriffsberechtigungen",
        "Programme installieren", "Software installieren", "install software", "nur Zugriff",
        "IAM", "Identity and Access Management",
    ),
    "segment": (
        "Segmentierung", "Netzsegmentierung", "segmented", "segmentation", "VLAN", "VLANs",
        "Netzzone", "Netzzonen", "Netzbereich", "Netzbereiche", "Netzbereichen", "Netztrennung",
        "DMZ",
        "Gastnetz", "Gäste-WLAN", "Mikrosegmentierung", "separate networks",
        "network zones",
        "abgeschottet", "abschotten", "Büronetz", "Gast-WLAN", "Kunden-WLAN", "Besucher-WLAN",
        "guest Wi-Fi", "guest network",
    ),
    "inventory": (
        "Inventar", "Inventarisierung", "Bestandsverzeichnis", "Asset", "Assets",
        "asset register", "asset inventory", "CMDB", "Netzplan", "Netzwerkplan", "topology",
        "network diagram",
        "Asset-Liste", "Geräteliste", "Hardwareliste", "Netzwerkdokumentation", "asset list",
        "device inventory",
    ),
    "monitoring": (
        "Überwachung", "überwacht", "Monitoring", "monitored", "SIEM", "SOC", "Angriffserkennung",
        "Intrusion Detection", "IDS", "Protokollauswertung",
        "Logauswertung",
        "MDR", "Managed Detection", "threat detection", "Log-Management",
        "zentrale Protokollierung",
        "security monitoring",
    ),
    "pentest": (
        "Penetrationstest", "Penetrationstests", "Pentest", "Pentests", "penetration test",
        "penetration testing", "Angriffssimulation", "Red Team", "Angreifbarkeit",
    ),
    "exercise": (
        "Übung", "Übungen", "Notfallübung", "Planspiel", "Simulation", "tabletop", "exercise",
        "exercises", "drill", "drills", "geprobt", "erprobt",
        "geübt", "üben", "durchgespielt", "durchspielen", "Testlauf", "rehearsal", "Krisenübung",
        "Stabsübung", "war game", "rehearsed", "TTX",
    ),
    "awareness": (
        "Sensibilisierung", "sensibilisiert", "Awareness", "Schulung", "Schulungen", "geschult",
        "Unterweisung", "awareness training", "aufgeklärt", "Phishing",
        "gefälschte E-Mails", "Social Engineering",
        "CEO-Fraud", "Phishing-Simulation", "E-Learning",
        "security training", "Mitarbeiterschulung",
        "Betrugsmail", "Betrugsmails", "Betrugs-E-Mails", "gefälschte Rechnungen",
        "verdächtige E-Mails", "komische Mail", "suspicious emails",
    ),
    "contacts": (
        "Ansprechpartner", "Kontaktliste", "Telefonliste", "Telefonnummern", "Notfallkontakte",
        "Notrufliste", "contact list", "phone list", "Adressliste",
        "Notfallnummern", "Notfallnummer", "Rufnummern", "Kontaktdaten", "Telefonverzeichnis",
        "call list", "emergency contacts", "Notfallkontaktliste",
        "Nummer", "Nummern", "Telefonnummer", "Handynummer", "phone number", "phone numbers",
    ),
    "ir_provider": (
        "Incident-Response-Dienstleister", "Incident Response", "Forensik", "forensics",
        "IT-Forensik", "DFIR", "retainer", "Rahmenvertrag", "Notfalldienstleister",
        "IR-Dienstleister", "Forensiker", "incident response firm", "incident response provider",
    ),
    "evidence": (
        "Beweise", "Beweismittel", "Beweissicherung", "Spurensicherung", "Spuren",
        "Images",
        "Speicherabbild", "forensic image", "disk image",
        "memory dump", "Beweismittelkette", "chain of custody",
    ),
    "lessons": (
        "Lessons Learned", "Nachbesprechung", "Nachbetrachtung", "Nachbereitung",
        "post-incident review", "post incident review", "post-mortem",
        "Ursachenanalyse", "root cause",
        "Abschlussbericht", "after-action review", "lessons learnt", "Auswertung des Vorfalls",
        "beim nächsten Mal", "nächstes Mal", "besser machen", "daraus lernen", "next time",
        "learn from", "PIR",
    ),
    "authority": (
        "Meldepflicht", "Meldepflichten", "Aufsichtsbehörde", "Datenschutzbehörde", "Behörde",
        "Behörden", "regulator", "regulatory", "authorities", "DSGVO", "GDPR", "NIS2",
        "notification obligations", "breach notification",
        "Datenschutzvorfall", "Datenpanne", "Datenschutzverletzung", "data breach", "Meldefrist",
        "Meldefristen",
    ),
    "police": (
        "Polizei", "Strafanzeige", "Anzeige erstatten", "police", "law enforcement", "LKA",
        "Landeskriminalamt", "ZAC", "Kriminalpolizei", "BKA", "Bundeskriminalamt", "Cybercrime",
    ),
    "staff": (
        "Mitarbeiter", "Mitarbeitende", "Mitarbeitenden", "Beschäftigte", "Beschäftigten",
        "Belegschaft", "Personal", "employees", "staff", "workforce",
        "Leute", "Angestellte", "Angestellten", "Kollegen", "Kolleginnen", "MA", "MAs",
    ),
    "management": (
        "Geschäftsführung", "Geschäftsleitung", "Leitung", "Chef", "Inhaber", "Vorstand",
        "senior management", "top management", "board",
        "Chefin", "Firmenchef", "Betriebsinhaber", "Inhaberin", "Geschäftsführer", "owner-manager",
        "GF", "GL",
    ),
    "handbook": (
        "Notfallhandbuch", "Notfallplan", "Notfallpläne", "Notfallordner", "Handbuch",
        "Wiederanlaufplan", "Wiederherstellungsplan", "IT-Notfallplan", "recovery plan",
        "incident response plan", "emergency plan", "emergency handbook", "runbook", "playbook",
        "disaster recovery plan", "NHB", "IT-NHB", "Notfall-Handbuch", "IRP",
        "Incident-Response-Plan", "BCP", "business continuity plan", "continuity plan",
        "Geschäftsfortführungsplan", "DR plan", "DR-Plan",
    ),
    "paper": (
        "Papier", "Papierform", "ausgedruckt", "Ausdruck", "printed", "hard copy", "on paper",
    ),
    "crown_jewels": (
        "Kronjuwelen", "crown jewels", "geschäftskritisch", "zeitkritisch", "unverzichtbar",
        "business impact", "BIA", "business-critical", "mission-critical",
        "Ausfallzeit", "tolerierbare Ausfallzeit", "MTPD", "Auswirkungsanalyse",
        "Business-Impact-Analyse", "business impact analysis",
        "stillstehen", "stillsteht", "Stillstand", "Ausfalldauer", "nicht mehr arbeiten",
    ),
    "reachable": (
        "Erreichbarkeit", "erreichbar", "zu erreichen", "rund um die Uhr", "24/7", "24x7",
        "Rufbereitschaft", "Bereitschaftsdienst", "on call", "on-call", "reachable",
        "availability",
        "außerhalb der Geschäftszeiten", "Feiertage",
        "out of hours", "after hours", "weekend", "weekends",
        "Urlaub", "abends", "nachts", "am Wochenende", "samstags", "sonntags", "holidays",
        "vacation",
    ),
    "first_contact": (
        "Erstkontakt", "Anlaufstelle", "Helpdesk", "Servicedesk", "Hotline",
        "single point of contact", "first point of contact",
        "als Erster", "erster Ansprechpartner", "erste Ansprechperson", "first contact", "SPOC",
    ),
    "isms": (
        "ISMS", "ISO 27001", "ISO/IEC 27001", "Sicherheitsmanagement",
        "Informationssicherheitsmanagement",
        "IT-Grundschutz",
    ),
    "security_officer": (
        "Informationssicherheitsbeauftragter", "IT-Sicherheitsbeauftragter", "ISB", "CISO",
        "security officer", "Sicherheitsbeauftragter",
    ),
    "works_council": ("Betriebsrat", "Personalrat", "works council", "Betriebsvereinbarung", "BR"),
    "clean_up": (
        "Bereinigung", "bereinigt", "neu aufgesetzt", "Neuaufsetzen",
        "reinstalled", "Wiederanlauf",
        "Neuinstallation", "Neuaufbau", "clean rebuild", "reimage", "rebuild",
    ),
    "entry_point": (
        "Einstiegspunkt", "Einfallstor", "Angriffsweg", "entry point",
        "eingedrungen", "attack vector", "Ausmaß",
    ),
    "decision": (
        "Entscheidungsbefugnis", "Entscheidungsbefugnisse", "entscheiden", "entscheidet",
        "Befugnis", "decision rights", "authority to decide",
        "Entscheidungsträger", "decision maker", "who decides",
        "vom Netz nehmen", "take systems offline", "shut down", "abschalten",
    ),
    "weakness": (
        "Schwachstelle", "Schwachstellen", "Sicherheitslücke", "Sicherheitslücken",
        "vulnerability", "vulnerabilities", "remediation",
    ),
    "provider": (
        "IT-Dienstleister", "Dienstleister", "Systemhaus", "IT-Betreuer", "EDV-Betreuer",
        "IT-Betreuung", "EDV-Betreuung", "MSP", "managed service provider", "IT provider",
        "service provider", "IT-Partner",
        "IT-Firma", "EDV-Firma", "Computerfirma", "Computerladen", "IT-Fachhändler",
        "IT support company",
    ),
    "logbook": (
        "Logbuch", "Notfall-Logbuch", "Notfalllogbuch", "Mitschrift", "mitschreiben",
        "Protokoll führen", "Chronologie", "Ereignisprotokoll", "incident log", "logbook",
        "timeline", "record of actions", "record of decisions",
        "mitgeschrieben", "aufschreiben", "aufgeschrieben", "write down", "written record",
    ),
    "communication": (
        "Krisenkommunikation", "Pressemitteilung", "Presse", "Medien", "Öffentlichkeit",
        "Öffentlichkeitsarbeit", "press", "media", "public relations", "public statement",
    ),
    "intelligence": (
        "Verfassungsschutz", "BfV", "LfV", "Landesamt für Verfassungsschutz", "Spionageabwehr",
        "Wirtschaftsschutz", "Nachrichtendienst", "Nachrichtendienste", "Geheimdienst",
        "Spionage", "Wirtschaftsspionage", "espionage", "intelligence service",
    ),
    "continuity": (
        "Business Continuity", "BCM", "Geschäftsfortführung", "Notbetrieb",
        "continuity", "Kontinuitätsplanung", "Wiederanlaufplanung",
    ),
    "emergency": (
        "Notfall", "Notfälle", "IT-Notfall", "Ernstfall", "Krisenfall", "wenn es brennt",
        "wenn es kracht", "im Fall der Fälle", "emergency", "emergencies",
    ),
    "who_to_call": (
        "wen anrufen", "an wen wenden", "Bescheid sagen", "Bescheid geben", "who to call",
        "whom to contact", "who to contact",
    ),
    "response_time": (
        "Reaktionszeit", "Reaktionszeiten", "wie schnell", "how quickly", "how fast",
        "response time", "response times", "Service-Level", "SLA", "SLAs",
    ),
    "priority": (
        "Priorität", "Prioritäten", "priorisiert", "priorisieren", "Priorisierung", "vorrangig",
        "Wiederanlaufreihenfolge", "zuerst wieder", "als Erstes wieder",
        "priority", "priorities", "prioritised", "prioritized", "prioritise", "prioritize",
        "order of recovery", "recovery order",
    ),
    "redundancy": (
        "Redundanz", "redundant", "Ersatzgerät", "Ersatzgeräte", "Ersatzsystem", "Ersatzsysteme",
        "Ersatzhardware", "Ausweichlösung", "Ausweichstandort", "zweite Internetleitung",
        "Zweitleitung", "vorgesorgt", "Vorsorge", "failover", "redundancy", "spare",
        "standby", "USV", "unterbrechungsfreie Stromversorgung", "Notstrom", "Notstromaggregat",
        "UPS", "uninterruptible power supply",
    ),
    "test": (
        "Test", "Tests", "testen", "getestet", "ausprobiert", "ausprobieren", "probiert",
        "Probelauf", "testweise", "tested", "testing", "tried out",
    ),
    "fix": (
        "beheben", "behoben", "beseitigen", "beseitigt", "schließen", "geschlossen", "fix",
        "fixed", "remediate", "remediated", "closed",
    ),
    "revise": (
        "Überarbeitung", "überarbeitet", "überarbeiten", "fortgeschrieben", "Fortschreibung",
        "aktuell halten", "aktuellen Stand", "anlassbezogen", "revised", "kept up to date",
        "reviewed and updated",
        "nachgezogen", "nachziehen", "nachgeführt", "nachführen", "fortschreiben",
    ),
    "after_incident": (
        "nach einem Vorfall", "nach dem Vorfall", "nach einem Angriff", "nach dem Angriff",
        "nach einem Sicherheitsvorfall", "after an incident", "after the incident",
        "following an incident", "post-incident",
    ),
    "heightened": (
        "verstärkt", "verstärkte", "verschärft", "verschärfte", "intensiviert", "engmaschiger",
        "erhöhte Wachsamkeit", "heightened", "increased monitoring", "enhanced monitoring",
    ),
}  # fmt: skip

# Topics questionnaires commonly ask about that no control of the catalog covers (data
# protection organisation, classification, encryption, mobile devices, insurance, turnover,
# physical security, personnel screening, supplier audits, payment approval, past claims). A row
# that names one is about something else, however many catalog words it also uses: the topic
# counts as evidence no control explains (unless a control's own texts say it).
OUTSIDE: dict[str, tuple[str, ...]] = {
    "dpo": (
        "Datenschutzbeauftragter", "Datenschutzbeauftragte", "Datenschutzbeauftragten", "DSB",
        "data protection officer", "DPO",
    ),
    "processing_records": (
        "Verzeichnis der Verarbeitungstätigkeiten", "Verarbeitungsverzeichnis", "VVT",
        "Auftragsverarbeitung", "AV-Vertrag", "records of processing", "ROPA",
        "Aufbewahrungsfrist", "Löschkonzept", "retention period",
    ),
    "classification": (
        "Informationsklassifizierung", "Klassifizierungsschema", "Vertraulichkeitsstufe",
        "Vertraulichkeitsstufen", "streng vertraulich", "Schutzklasse", "Schutzklassen",
        "information classification", "data classification", "classification scheme",
    ),
    "encryption": (
        "Festplattenverschlüsselung", "Geräteverschlüsselung", "Datenträgerverschlüsselung",
        "BitLocker", "FileVault", "VeraCrypt", "TLS", "full-disk encryption", "encryption",
        "encrypted in transit", "encrypted at rest", "at rest", "in transit",
    ),
    "mobile_devices": (
        "Mobile Device Management", "MDM", "Mobilgeräteverwaltung", "Intune", "Diensthandy",
        "Diensthandys",
    ),
    "insurance": (
        "Cyber-Versicherung", "Cyberversicherung",
        "Betriebshaftpflichtversicherung", "Haftpflichtversicherung", "Versicherungssumme",
        "Deckungssumme", "cyber insurance", "liability insurance", "insurance",
    ),
    "turnover": ("Jahresumsatz", "Umsatz", "annual revenue", "revenue", "turnover"),
    "physical": (
        "Alarmanlage", "Einbruch", "Einbruchmeldeanlage", "Wachdienst", "Videoüberwachung",
        "Zutrittskontrolle", "Rauchmelder", "Rauchmeldern", "Brandschutz", "Besucher",
        "burglar alarm", "CCTV", "badge access", "premises",
    ),

    "screening": (
        "Führungszeugnis", "Hintergrundprüfung", "Hintergrundüberprüfung",
        "Vertraulichkeitserklärung", "background check", "background checks",
        "screen new employees", "non-disclosure",
    ),
    "supplier_audit": (
        "Lieferantenaudit", "Lieferantenbewertung", "Lieferantenmanagement",
        "Unterauftragnehmer", "Subunternehmer", "subprocessor", "subprocessors",
        "third-party risk", "vendor assessment",
    ),
    "payment": (
        "Vier-Augen-Prinzip", "Überweisung", "Überweisungen", "Zahlungsfreigabe",
        "four-eyes", "payment approval", "payment card", "PCI DSS",
    ),
    "past_claims": ("Vorschäden", "Schadenhistorie", "prior claims", "claim or loss"),
}  # fmt: skip
