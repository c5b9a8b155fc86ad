//! Events as iCalendar files, read back by a small reader here: CRLF everywhere, no line over
//! 75 octets, Arabic and Chinese titles folded between characters, TEXT escaped, components
//! balanced, the required properties present; New York in July is four hours behind UTC; a
//! private event is not found, and not listed in the process's calendar, for anyone else.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, location, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    an_event_downloads_as_a_valid_calendar,
    a_private_event_is_absent_from_calendars_of_others,
);

fn event(
    title: &str,
    zone: &str,
    starts: &str,
    ends: &str,
    public: bool,
) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("kind", "regional-consultation".to_string()),
        ("title", title.to_string()),
        (
            "description",
            "Line one; with, marks\nLine two \\ end".to_string(),
        ),
        ("place", "Conference hall, North wing".to_string()),
        ("online", "on".to_string()),
        ("time_zone", zone.to_string()),
        ("starts", starts.to_string()),
        ("ends", ends.to_string()),
        ("programme", String::new()),
        ("phase", "consultation".to_string()),
    ];
    if public {
        fields.push(("public", "on".to_string()));
    }
    fields
}

/// Creates an event as `browser`; its address.
async fn created(browser: &Browser, fields: &[(&'static str, String)]) -> String {
    let response = browser
        .submit("/p/gcm/events/new", "/p/gcm/events/new", fields)
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the event is saved"
    );
    location(&response)
        .trim_end_matches("?notice=saved")
        .to_string()
}

/// A content line: name, parameters, value (still escaped).
#[derive(Debug, Clone)]
struct Line {
    name: String,
    params: String,
    value: String,
}

/// Reads a calendar strictly: every physical line ends in CRLF and holds at most 75 octets;
/// lines are unfolded; BEGIN and END balance. The content lines.
fn parse(body: &str) -> Vec<Line> {
    assert!(body.ends_with("\r\n"), "the file ends with CRLF");
    let mut logical: Vec<String> = Vec::new();
    for physical in body.split_terminator("\r\n") {
        assert!(
            !physical.contains('\n') && !physical.contains('\r'),
            "bare line break in {physical:?}"
        );
        assert!(physical.len() <= 75, "line over 75 octets: {physical:?}");
        if let Some(rest) = physical.strip_prefix(' ') {
            logical
                .last_mut()
                .expect("a line to continue")
                .push_str(rest);
        } else {
            logical.push(physical.to_string());
        }
    }
    let mut open: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for raw in logical {
        // The value starts after the first colon outside a quoted parameter.
        let mut quoted = false;
        let colon = raw
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == ':' && !quoted
            })
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("no value in {raw:?}"));
        let (head, value) = (&raw[..colon], &raw[colon + 1..]);
        let (name, params) = head.split_once(';').unwrap_or((head, ""));
        match name {
            "BEGIN" => open.push(value.to_string()),
            "END" => assert_eq!(open.pop().as_deref(), Some(value), "END:{value} balances"),
            _ => assert!(!open.is_empty(), "{name} outside any component"),
        }
        lines.push(Line {
            name: name.to_string(),
            params: params.to_string(),
            value: value.to_string(),
        });
    }
    assert!(open.is_empty(), "components left open: {open:?}");
    lines
}

/// The VEVENTs, each as its lines.
fn vevents(lines: &[Line]) -> Vec<Vec<Line>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<Line>> = None;
    for line in lines {
        match (line.name.as_str(), line.value.as_str()) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().expect("an open VEVENT")),
            _ => {
                if let Some(event) = current.as_mut() {
                    event.push(line.clone());
                }
            }
        }
    }
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"] {
            assert!(
                event.iter().filter(|l| l.name == required).count() == 1,
                "a VEVENT has one {required}: {event:?}"
            );
        }
    }
    events
}

fn value<'a>(event: &'a [Line], name: &str) -> &'a Line {
    event.iter().find(|l| l.name == name).expect(name)
}

/// The calendar as a real reader sees it (Debian's `python3-icalendar`): each VEVENT's summary,
/// unescaped, and its start's offset from UTC in seconds. `None` where the reader is missing,
/// which fails under CI.
fn read_with_python(body: &str) -> Option<Vec<(String, i64)>> {
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let present = Command::new(python)
        .args(["-c", "import icalendar"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        assert!(std::env::var("CI").is_err(), "python3-icalendar is missing");
        return None;
    }
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    line = str(ev.get('SUMMARY')) + '\t' + str(int(start.utcoffset().total_seconds())) + '\n'
    sys.stdout.buffer.write(line.encode('utf-8'))
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    child
        .stdin
        .take()
        .expect("its input")
        .write_all(body.as_bytes())
        .expect("the calendar sent");
    let out = child.wait_with_output().expect("python3 ends");
    assert!(
        out.status.success(),
        "icalendar reads the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .filter_map(|l| l.rsplit_once('\t'))
            .map(|(summary, offset)| (summary.to_string(), offset.parse().expect("seconds")))
            .collect(),
    )
}

/// A calendar file: checks the headers, returns its body.
async fn calendar(browser: &Browser, path: &str) -> String {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/calendar; charset=utf-8")
    );
    let disposition = headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(disposition.starts_with("attachment; filename=\"") && disposition.ends_with(".ics\""));
    response.text().await.expect("a body")
}

async fn an_event_downloads_as_a_valid_calendar(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let arabic = "المشاورة الإقليمية لمنطقة الدول العربية بشأن الهجرة الآمنة والمنظمة والنظامية";
    let chinese = "关于安全、有序和正常移民的亚太区域协商会议与多利益攸关方听证会";
    let marks = "Hearing; plenary, part 1 \\ draft";
    let new_york = created(
        &admin,
        &event(
            marks,
            "America/New_York",
            "2026-07-15T10:00",
            "2026-07-15T17:00",
            true,
        ),
    )
    .await;
    created(
        &admin,
        &event(
            arabic,
            "Asia/Beirut",
            "2026-08-03T09:00",
            "2026-08-04T18:00",
            true,
        ),
    )
    .await;
    created(
        &admin,
        &event(
            chinese,
            "Asia/Bangkok",
            "2026-09-10T09:00",
            "2026-09-10T18:00",
            true,
        ),
    )
    .await;
    let visitor = app.new_browser();

    // The event page and the list offer the files.
    let (_, page) = visitor.get_text(&new_york).await;
    assert!(page.contains(&format!("href=\"{new_york}.ics\"")));
    assert!(page.contains("Add to calendar (.ics)"));
    let (_, list) = visitor.get_text("/p/gcm/events").await;
    assert!(list.contains("href=\"/p/gcm/events.ics\""));

    // One event: its times in New York's summer time, with the zone described.
    let body = calendar(&visitor, &format!("{new_york}.ics")).await;
    let lines = parse(&body);
    let events = vevents(&lines);
    assert_eq!(events.len(), 1);
    let one = &events[0];
    let start = value(one, "DTSTART");
    assert_eq!(start.params, "TZID=America/New_York");
    assert_eq!(start.value, "20260715T100000");
    assert_eq!(value(one, "DTEND").value, "20260715T170000");
    assert_eq!(
        value(one, "SUMMARY").value,
        "Hearing\\; plenary\\, part 1 \\\\ draft"
    );
    assert_eq!(
        value(one, "DESCRIPTION").value,
        "Line one\\; with\\, marks\\nLine two \\\\ end"
    );
    assert_eq!(
        value(one, "LOCATION").value,
        "Conference hall\\, North wing · Online"
    );
    let uid = value(one, "UID").value.clone();
    assert!(uid.starts_with("event-") && uid.contains('@'), "{uid}");
    assert!(value(one, "URL").value.ends_with(&new_york));
    // The zone in effect in July: four hours behind UTC.
    let in_july = lines.windows(4).any(|w| {
        w[0].name == "BEGIN"
            && w[0].value == "DAYLIGHT"
            && w[1].value == "20260308T020000"
            && w[2].value == "-0500"
            && w[3].value == "-0400"
    });
    assert!(in_july, "New York's summer time, -04:00 from 8 March 2026");
    assert!(
        lines
            .iter()
            .any(|l| l.name == "TZID" && l.value == "America/New_York")
    );
    // The same file twice: the same UID.
    let again = calendar(&visitor, &format!("{new_york}.ics")).await;
    assert!(again.contains(&format!("UID:{uid}\r\n")));

    // The process: all three, Arabic and Chinese titles folded between characters.
    let body = calendar(&visitor, "/p/gcm/events.ics").await;
    let lines = parse(&body);
    let events = vevents(&lines);
    let summaries: Vec<&str> = events
        .iter()
        .map(|e| value(e, "SUMMARY").value.as_str())
        .collect();
    assert_eq!(summaries.len(), 3);
    assert!(summaries.contains(&arabic));
    assert!(summaries.contains(&"关于安全、有序和正常移民的亚太区域协商会议与多利益攸关方听证会"));
    assert!(body.contains("\r\n "), "long titles are folded");
    // A real reader agrees: titles unescaped, New York at -04:00 in July.
    if let Some(read) = read_with_python(&body) {
        assert_eq!(read.len(), 3, "{read:?}");
        assert!(read.contains(&(marks.to_string(), -4 * 3600)), "{read:?}");
        assert!(read.contains(&(arabic.to_string(), 3 * 3600)), "{read:?}");
        assert!(read.contains(&(chinese.to_string(), 7 * 3600)), "{read:?}");
    }
    for zone in ["America/New_York", "Asia/Beirut", "Asia/Bangkok"] {
        assert!(
            lines.iter().any(|l| l.name == "TZID" && l.value == zone),
            "a VTIMEZONE for {zone}"
        );
    }
}

async fn a_private_event_is_absent_from_calendars_of_others(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    created(
        &admin,
        &event(
            "An announced hearing",
            "Europe/Zurich",
            "2026-05-04T10:00",
            "2026-05-04T12:00",
            true,
        ),
    )
    .await;
    let private = created(
        &admin,
        &event(
            "A hearing not yet announced",
            "Europe/Zurich",
            "2026-06-04T10:00",
            "2026-06-04T12:00",
            false,
        ),
    )
    .await;

    for (who, browser) in [
        ("a stakeholder", &author),
        ("a visitor", &app.new_browser()),
    ] {
        let response = browser.get(&format!("{private}.ics")).await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "{who} cannot download it"
        );
        let body = calendar(browser, "/p/gcm/events.ics").await;
        parse(&body);
        assert!(body.contains("An announced hearing"));
        assert!(
            !body.contains("not yet announced"),
            "{who} does not get it in the feed"
        );
    }
    let body = calendar(&admin, &format!("{private}.ics")).await;
    assert!(body.contains("A hearing not yet announced"));
    let body = calendar(&admin, "/p/gcm/events.ics").await;
    assert!(body.contains("A hearing not yet announced"));
}
