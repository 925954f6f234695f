//! Compile tests: how the generated API is used, and what a mistake (in code or in a
//! spec) looks like to the user.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
