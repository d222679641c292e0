import Foundation

/// `Tests/Fixtures` of this package: inputs shared by the command-line tests and the fuzzer's
/// seed corpus, read in place (not copied as resources) so that they stay plain files to edit.
let fixturesRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
