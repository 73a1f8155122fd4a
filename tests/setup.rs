//! `scripts/setup` decides what to install by what the RocksDB build really needs:
//! the Debian package `libclang-dev`, or on a system without dpkg, a file that clang-sys
//! loads (`libclang.so`, `libclang-NN.so.N`) — never `libclang-cpp.so.NN`.

use std::process::Command;

use crate::common;

/// What `scripts/setup --needs LIBS PKGS` says is missing, given two listings of
/// `tests/data/setup/` (`-` for "no dpkg on this system").
fn missing(libs: &str, pkgs: &str) -> Vec<String> {
    let dir = common::root().join("tests/data/setup");
    let pkgs = if pkgs == "-" {
        "-".into()
    } else {
        dir.join(pkgs).display().to_string()
    };
    let out = Command::new("bash")
        .arg(common::root().join("scripts/setup"))
        .arg("--needs")
        .arg(dir.join(libs))
        .arg(pkgs)
        .output()
        .expect("bash runs scripts/setup");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn libclang_detection() {
    // (library listing, package listing, what must be installed)
    let cases: &[(&str, &str, &[&str])] = &[
        // The stock image: libclang-cpp only. This is the case that once broke every build.
        (
            "ldconfig-stock-image.txt",
            "dpkg-stock-image.txt",
            &["libclang-dev"],
        ),
        ("ldconfig-stock-image.txt", "-", &["libclang-dev"]),
        // The runtime library without headers: on Debian, the package decides.
        (
            "ldconfig-libclang1.txt",
            "dpkg-libclang1.txt",
            &["libclang-dev"],
        ),
        // Without dpkg, a file clang-sys loads is accepted.
        ("ldconfig-libclang1.txt", "-", &[]),
        ("ldconfig-stock-image.txt", "dpkg-libclang-dev.txt", &[]),
    ];
    for (libs, pkgs, expected) in cases {
        assert_eq!(missing(libs, pkgs), *expected, "{libs} + {pkgs}");
    }
}
