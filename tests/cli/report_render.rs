//! Renders the HTML report in headless Chromium and checks that the screenshot shows the
//! wheel: the four pillar bands in their palette colours, each in its own quadrant around
//! one centre, and dots in every freshness colour inside the wheel.
//!
//! Needs the Debian package `chromium`. Without it the test fails, unless
//! `KITH_SKIP_CHROMIUM=1` is set: then it prints a note and passes. The screenshot is kept
//! in Cargo's target tmp folder (`report_render/wheel.png`) for people to look at.

use crate::support::cli::{fixtures_of, package_root, pinned_subcommand_in, run};
use kith_core::report::palette::{status_colour, BACKGROUND, BUILTIN_PILLARS};
use kith_core::report::Status;
use std::fs::{self, File};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 900;
/// Chromium gets this long to take the screenshot.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);
/// Two colours match when their channels differ by this much in total, at most.
const TOLERANCE: i32 = 12;

/// `chromium` on the PATH, else where Debian puts it.
fn find_chromium() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|folder| folder.join("chromium")).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path.into_iter().chain([PathBuf::from("/usr/bin/chromium")]).find(|candidate| candidate.is_file())
}

/// A decoded screenshot: RGB(A) rows of 8-bit channels.
struct Picture {
    width: u32,
    height: u32,
    channels: usize,
    pixels: Vec<u8>,
}

impl Picture {
    fn read(path: &Path) -> Picture {
        let file = File::open(path).expect("the screenshot exists");
        let mut reader = png::Decoder::new(BufReader::new(file)).read_info().expect("the screenshot is a PNG");
        let size = reader.output_buffer_size().expect("the screenshot has a size");
        let mut pixels = vec![0; size];
        let frame = reader.next_frame(&mut pixels).expect("the PNG decodes");
        assert_eq!(frame.bit_depth, png::BitDepth::Eight, "8-bit channels");
        let channels = match frame.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        pixels.truncate(frame.buffer_size());
        Picture { width: frame.width, height: frame.height, channels, pixels }
    }

    fn at(&self, x: u32, y: u32) -> [i32; 3] {
        let index = (y as usize * self.width as usize + x as usize) * self.channels;
        [self.pixels[index].into(), self.pixels[index + 1].into(), self.pixels[index + 2].into()]
    }

    /// Every pixel of `colour`: how many, and where they are on average.
    fn find(&self, colour: &str) -> Vec<(f64, f64)> {
        let wanted = rgb(colour);
        let mut found = Vec::new();
        for y in 0..self.height {
            for x in 0..self.width {
                let pixel = self.at(x, y);
                if (0..3).map(|channel| (pixel[channel] - wanted[channel]).abs()).sum::<i32>() <= TOLERANCE {
                    found.push((f64::from(x), f64::from(y)));
                }
            }
        }
        found
    }
}

fn rgb(hex: &str) -> [i32; 3] {
    let channel = |at: usize| i32::from_str_radix(&hex[at..at + 2], 16).expect("a #rrggbb colour");
    [channel(1), channel(3), channel(5)]
}

fn centroid(points: &[(f64, f64)]) -> (f64, f64) {
    let count = points.len() as f64;
    (points.iter().map(|point| point.0).sum::<f64>() / count, points.iter().map(|point| point.1).sum::<f64>() / count)
}

#[test]
fn the_html_report_renders_the_wheel() {
    let Some(chromium) = find_chromium() else {
        if std::env::var_os("KITH_SKIP_CHROMIUM").is_some_and(|value| value == "1") {
            eprintln!("SKIPPED report_render: chromium is not installed and KITH_SKIP_CHROMIUM=1 is set");
            return;
        }
        panic!("chromium is not installed: `apt-get install chromium`, or set KITH_SKIP_CHROMIUM=1 to skip this test");
    };

    let output = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_render");
    fs::create_dir_all(&output).expect("a folder for the screenshot");
    let page = output.join("report.html");
    let screenshot = output.join("wheel.png");
    let _ = fs::remove_file(&screenshot);
    let fixture = fixtures_of("report").join("network.kith");
    let report =
        run(pinned_subcommand_in(package_root(), "report", &["--format", "html", "-o"]).arg(&page).arg(&fixture));
    assert_eq!(report.code, 0, "kith report failed: {}", report.stderr);

    let profile = tempfile::tempdir().expect("a fresh Chromium profile folder");
    let log = output.join("chromium.log");
    let mut child = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&log).expect("a log file for Chromium"))
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("waiting for chromium") {
            break exit;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            panic!("chromium took longer than {CHROMIUM_TIMEOUT:?}; its log: {}", log.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success() && screenshot.is_file(), "no screenshot from chromium ({exit}); its log: {}", log.display());

    let picture = Picture::read(&screenshot);
    assert_eq!((picture.width, picture.height), (WIDTH, HEIGHT));
    assert_eq!(picture.at(WIDTH - 2, HEIGHT - 2), rgb(BACKGROUND), "the page background");

    // Each pillar's band: plenty of pixels in its colour, around one centre, clockwise from
    // twelve o'clock: promoters top right, pit crew bottom right, pathfinders bottom left,
    // accelerators top left.
    let bands: Vec<(&str, (f64, f64), usize)> = BUILTIN_PILLARS
        .iter()
        .map(|(pillar, colours)| {
            let found = picture.find(colours.band);
            assert!(found.len() > 3000, "{pillar}: only {} pixels of {}", found.len(), colours.band);
            (*pillar, centroid(&found), found.len())
        })
        .collect();
    let centre_x = bands.iter().map(|band| band.1 .0).sum::<f64>() / 4.0;
    let centre_y = bands.iter().map(|band| band.1 .1).sum::<f64>() / 4.0;
    for (pillar, (x, y), _) in &bands {
        let (right, below) = (*x > centre_x, *y > centre_y);
        let expected = match *pillar {
            "promoters" => (true, false),
            "pit-crew" => (true, true),
            "pathfinders" => (false, true),
            _ => (false, false),
        };
        assert_eq!((right, below), expected, "{pillar} sits in the wrong quadrant around ({centre_x}, {centre_y})");
    }
    let distances: Vec<f64> = bands.iter().map(|(_, (x, y), _)| (x - centre_x).hypot(y - centre_y)).collect();
    let mean = distances.iter().sum::<f64>() / 4.0;
    assert!(
        distances.iter().all(|distance| (distance - mean).abs() < mean * 0.15),
        "the bands form a ring: {distances:?}"
    );
    assert!(centre_x < f64::from(WIDTH) / 2.0, "the wheel is in the left column, at x {centre_x}");

    // Freshness dots inside the wheel (the table's dots lie outside it), one colour each.
    let wheel_radius = mean * 1.2;
    for status in Status::ALL {
        let inside = picture
            .find(status_colour(status))
            .into_iter()
            .filter(|(x, y)| (x - centre_x).hypot(y - centre_y) < wheel_radius)
            .count();
        assert!(inside > 100, "{status:?} dots: only {inside} pixels of {} inside the wheel", status_colour(status));
    }
}
