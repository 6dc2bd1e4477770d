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
    ),
    "restore": (
        "Wiederherstellung", "Wiederherstellungen", "Rücksicherung", "Restore", "restoration",
        "restored", "Recovery", "wiederherstellen",
        "wiederhergestellt", "recover",
        "zurückholen", "Rückspielen", "Wiederherstellbarkeit", "restores",
        "recoverability", "Restore-Test", "Rücksicherungstest",
    ),
    "offline": (
        "offline", "air gap", "air gapped", "air-gapped", "immutable", "unveränderbar",
        "unveränderlich", "getrennt vom Netz", "vom Netz getrennt", "Auslagerung", "ausgelagert",
        "WORM",
        "außer Haus", "Offsite", "off-site", "Tresor", "nicht angeschlossen",
        "unplugged", "disconnected", "getrennt aufbewahrt",
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
        "next-generation antivirus",
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
    ),
    "firewall": ("Firewall", "Firewalls", "Paketfilter", "Perimeter", "Netzgrenze", "UTM"),
    "password": (
        "Passwort", "Passwörter", "Kennwort", "Kennwörter", "password", "passwords",
        "passphrase", "Passwortrichtlinie", "Kennwortrichtlinie", "password policy",
        "Passwortlänge", "Kennwortlänge", "Passwortkomplexität", "Passwortregeln",
        "Passwortmanager",
        "password manager", "password complexity",
    ),
    "default_password": (
        "Standardpasswort", "Standardkennwort", "Herstellerkennwort", "Herstellerpasswort",
        "Default-Passwort", "voreingestelltes Passwort", "default password", "default credentials",
        "Werkseinstellung", "factory default",
        "Initialpasswort", "Initialkennwort", "Auslieferungszustand", "default credentials",
        "vendor default",
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
    ),
    "segment": (
        "Segmentierung", "Netzsegmentierung", "segmented", "segmentation", "VLAN", "VLANs",
        "Netzzone", "Netzzonen", "Netzbereich", "Netzbereiche", "Netzbereichen", "Netztrennung",
        "DMZ",
        "Gastnetz", "Gäste-WLAN", "Mikrosegmentierung", "separate networks",
        "network zones",
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
        "Stabsübung", "war game", "rehearsed",
    ),
    "awareness": (
        "Sensibilisierung", "sensibilisiert", "Awareness", "Schulung", "Schulungen", "geschult",
        "Unterweisung", "awareness training", "aufgeklärt", "Phishing",
        "gefälschte E-Mails", "Social Engineering",
        "CEO-Fraud", "Phishing-Simulation", "E-Learning",
        "security training", "Mitarbeiterschulung",
    ),
    "contacts": (
        "Ansprechpartner", "Kontaktliste", "Telefonliste", "Telefonnummern", "Notfallkontakte",
        "Notrufliste", "contact list", "phone list", "Adressliste",
        "Notfallnummern", "Notfallnummer", "Rufnummern", "Kontaktdaten", "Telefonverzeichnis",
        "call list", "emergency contacts", "Notfallkontaktliste",
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
        "Landeskriminalamt", "ZAC", "Kriminalpolizei",
    ),
    "staff": (
        "Mitarbeiter", "Mitarbeitende", "Mitarbeitenden", "Beschäftigte", "Beschäftigten",
        "Belegschaft", "Personal", "employees", "staff", "workforce",
    ),
    "management": (
        "Geschäftsführung", "Geschäftsleitung", "Leitung", "Chef", "Inhaber", "Vorstand",
        "senior management", "top management", "board",
    ),
    "handbook": (
        "Notfallhandbuch", "Notfallplan", "Notfallpläne", "Notfallordner", "Handbuch",
        "Wiederanlaufplan", "Wiederherstellungsplan", "IT-Notfallplan", "recovery plan",
        "incident response plan", "emergency plan", "emergency handbook", "runbook", "playbook",
        "disaster recovery plan",
    ),
    "paper": (
        "Papier", "Papierform", "ausgedruckt", "Ausdruck", "printed", "hard copy", "on paper",
    ),
    "crown_jewels": (
        "Kronjuwelen", "crown jewels", "geschäftskritisch", "zeitkritisch", "unverzichtbar",
        "business impact", "BIA", "business-critical", "mission-critical",
        "Ausfallzeit", "tolerierbare Ausfallzeit", "MTPD", "Auswirkungsanalyse",
        "Business-Impact-Analyse", "business impact analysis",
    ),
    "reachable": (
        "Erreichbarkeit", "erreichbar", "zu erreichen", "rund um die Uhr", "24/7", "24x7",
        "Rufbereitschaft", "Bereitschaftsdienst", "on call", "on-call", "reachable",
        "availability",
        "außerhalb der Geschäftszeiten", "Feiertage",
        "out of hours", "after hours", "weekend", "weekends",
    ),
    "first_contact": (
        "Erstkontakt", "Anlaufstelle", "Helpdesk", "Servicedesk", "Hotline",
        "single point of contact", "first point of contact",
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
    "works_council": ("Betriebsrat", "Personalrat", "works council", "Betriebsvereinbarung"),
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
    ),
    "weakness": (
        "Schwachstelle", "Schwachstellen", "Sicherheitslücke", "Sicherheitslücken",
        "vulnerability", "vulnerabilities", "remediation",
    ),
    "provider": (
        "IT-Dienstleister", "Dienstleister", "Systemhaus", "IT-Betreuer", "EDV-Betreuer",
        "IT-Betreuung", "EDV-Betreuung", "MSP", "managed service provider", "IT provider",
        "service provider", "IT-Partner",
    ),
    "logbook": (
        "Logbuch", "Notfall-Logbuch", "Notfalllogbuch", "Mitschrift", "mitschreiben",
        "Protokoll führen", "Chronologie", "Ereignisprotokoll", "incident log", "logbook",
        "timeline", "record of actions", "record of decisions",
    ),
    "communication": (
        "Krisenkommunikation", "Pressemitteilung", "Presse", "Medien", "Öffentlichkeit",
        "Öffentlichkeitsarbeit", "press", "media", "public relations", "public statement",
    ),
    "continuity": (
        "Business Continuity", "BCM", "BCP", "Geschäftsfortführung", "Notbetrieb",
        "continuity", "Kontinuitätsplanung", "Wiederanlaufplanung",
    ),
}  # fmt: skip
