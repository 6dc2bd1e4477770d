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
        "Sicherungskopien", "Sicherungsstand", "Sicherungsstände", "Bandsicherung", "gesichert",
        "backed up", "back up", "backup copy", "Vollsicherung", "Snapshot",
    ),
    "restore": (
        "Wiederherstellung", "Wiederherstellungen", "Rücksicherung", "Restore", "restoration",
        "restored", "Recovery", "wiederherstellen",
        "wiederhergestellt", "recover",
    ),
    "offline": (
        "offline", "air gap", "air gapped", "air-gapped", "immutable", "unveränderbar",
        "unveränderlich", "getrennt vom Netz", "vom Netz getrennt", "Auslagerung", "ausgelagert",
        "WORM",
    ),
    "mfa": (
        "Zwei-Faktor", "2FA", "MFA", "Mehr-Faktor", "Multi-Faktor", "zweiter Faktor",
        "zweiten Faktor", "two-factor", "multi-factor", "second factor", "Authenticator",
        "OTP", "TOTP", "Einmalcode", "Einmalpasswort", "Handy-Bestätigung",
        "Hardware-Token", "FIDO2",
    ),
    "malware": (
        "Virenschutz", "Virenscanner", "Antivirus", "Anti-Virus", "Antivirenprogramm",
        "Schadsoftware", "Schadprogramm", "Schadprogramme", "Malware", "Viren", "Virus",
        "Trojaner", "EDR", "XDR", "Endpoint-Schutz", "Endpoint Protection", "endpoint detection",
    ),
    "ransomware": (
        "Ransomware", "Erpressungstrojaner", "Verschlüsselungstrojaner", "Erpressersoftware",
        "Kryptotrojaner",
    ),
    "patch": (
        "Patch", "Patches", "Patchmanagement", "Update", "Updates", "Sicherheitsupdate",
        "Aktualisierung", "Aktualisierungen", "Programmaktualisierung", "Softwareaktualisierung",
        "patching", "patched", "Firmware-Update", "Sicherheitsstand",
    ),
    "firewall": ("Firewall", "Firewalls", "Paketfilter", "Perimeter", "Netzgrenze", "UTM"),
    "password": (
        "Passwort", "Passwörter", "Kennwort", "Kennwörter", "password", "passwords",
        "passphrase", "Passwortrichtlinie", "Kennwortrichtlinie", "password policy",
    ),
    "default_password": (
        "Standardpasswort", "Standardkennwort", "Herstellerkennwort", "Herstellerpasswort",
        "Default-Passwort", "voreingestelltes Passwort", "default password", "default credentials",
        "Werkseinstellung", "factory default",
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
    ),
    "segment": (
        "Segmentierung", "Netzsegmentierung", "segmented", "segmentation", "VLAN", "VLANs",
        "Netzzone", "Netzzonen", "Netzbereich", "Netzbereiche", "Netzbereichen", "Netztrennung",
        "DMZ",
    ),
    "inventory": (
        "Inventar", "Inventarisierung", "Bestandsverzeichnis", "Asset", "Assets",
        "asset register", "asset inventory", "CMDB", "Netzplan", "Netzwerkplan", "topology",
        "network diagram",
    ),
    "monitoring": (
        "Überwachung", "überwacht", "Monitoring", "monitored", "SIEM", "SOC", "Angriffserkennung",
        "Intrusion Detection", "IDS", "Protokollauswertung",
        "Logauswertung",
    ),
    "pentest": (
        "Penetrationstest", "Penetrationstests", "Pentest", "Pentests", "penetration test",
        "penetration testing", "Angriffssimulation", "Red Team", "Angreifbarkeit",
    ),
    "exercise": (
        "Übung", "Übungen", "Notfallübung", "Planspiel", "Simulation", "tabletop", "exercise",
        "exercises", "drill", "drills", "geprobt", "erprobt",
    ),
    "awareness": (
        "Sensibilisierung", "sensibilisiert", "Awareness", "Schulung", "Schulungen", "geschult",
        "Unterweisung", "awareness training", "aufgeklärt", "Phishing",
        "gefälschte E-Mails", "Social Engineering",
    ),
    "contacts": (
        "Ansprechpartner", "Kontaktliste", "Telefonliste", "Telefonnummern", "Notfallkontakte",
        "Notrufliste", "contact list", "phone list", "Adressliste",
    ),
    "ir_provider": (
        "Incident-Response-Dienstleister", "Incident Response", "Forensik", "forensics",
        "IT-Forensik", "DFIR", "retainer", "Rahmenvertrag", "Notfalldienstleister",
    ),
    "evidence": (
        "Beweise", "Beweismittel", "Beweissicherung", "Spurensicherung", "Spuren",
        "Images",
    ),
    "lessons": (
        "Lessons Learned", "Nachbesprechung", "Nachbetrachtung", "Nachbereitung",
        "post-incident review", "post incident review", "post-mortem",
        "Ursachenanalyse", "root cause",
    ),
    "authority": (
        "Meldepflicht", "Meldepflichten", "Aufsichtsbehörde", "Datenschutzbehörde", "Behörde",
        "Behörden", "regulator", "regulatory", "authorities", "DSGVO", "GDPR", "NIS2",
        "notification obligations", "breach notification",
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
        "incident response plan", "emergency plan", "emergency handbook", "runbook", "playbook",
        "disaster recovery plan",
    ),
    "paper": (
        "Papier", "Papierform", "ausgedruckt", "Ausdruck", "printed", "hard copy", "on paper",
    ),
    "crown_jewels": (
        "Kronjuwelen", "crown jewels", "geschäftskritisch", "zeitkritisch", "unverzichtbar",
        "business impact", "BIA", "business-critical", "mission-critical",
    ),
    "reachable": (
        "Erreichbarkeit", "erreichbar", "zu erreichen", "rund um die Uhr", "24/7", "24x7",
        "Rufbereitschaft", "Bereitschaftsdienst", "on call", "on-call", "reachable",
        "availability",
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
    ),
    "entry_point": (
        "Einstiegspunkt", "Einfallstor", "Angriffsweg", "entry point",
        "eingedrungen", "attack vector", "Ausmaß",
    ),
    "decision": (
        "Entscheidungsbefugnis", "Entscheidungsbefugnisse", "entscheiden", "entscheidet",
        "Befugnis", "decision rights", "authority to decide",
    ),
    "weakness": (
        "Schwachstelle", "Schwachstellen", "Sicherheitslücke", "Sicherheitslücken",
        "vulnerability", "vulnerabilities", "remediation",
    ),
}  # fmt: skip
