import Foundation
import Testing

/// The shell lines of docs/review.md's CI jobs, run with stand-ins for `clvsim`, `gh` and `curl`
/// that record their arguments (no network): post once, update after, fail on a tripped gate.
@Suite("Diff CI jobs in docs/review.md")
struct DiffCIJobTests {
    /// The lines between `# clvsim-diff:begin` and `# clvsim-diff:end`, dedented; GitHub's job first.
    static func jobs() throws -> [String] {
        let doc = try String(contentsOfFile: GitFixture.root + "/docs/review.md", encoding: .utf8)
        var out: [String] = [], current: [String]? = nil, indent = 0
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "# clvsim-diff:begin" { current = []; indent = line.prefix { $0 == " " }.count; continue }
            if trimmed == "# clvsim-diff:end", let c = current { out.append(c.joined(separator: "\n")); current = nil; continue }
            if current != nil { current!.append(String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count)))) }
        }
        return out
    }

    static let fakeClvsim = """
        #!/bin/sh
        echo "clvsim $*" >> "$LOG"
        out=""; prev=""
        for a in "$@"; do [ "$prev" = "--markdown" ] && out="$a"; prev="$a"; done
        [ -n "$out" ] && mkdir -p "$(dirname "$out")" && printf '<!-- clvsim-diff -->\\n### clvsim diff\\n' > "$out"
        exit "${FAKE_STATUS:-0}"
        """
    static let fakeGh = """
        #!/bin/sh
        echo "gh $*" >> "$LOG"
        case "$*" in *--method*) echo '{}' ;; *) [ -n "$FAKE_EXISTING" ] && echo "$FAKE_EXISTING" ;; esac
        exit 0
        """
    static let fakeCurl = """
        #!/bin/sh
        echo "curl $*" >> "$LOG"
        case "$*" in
          *--request*) echo '{}' ;;
          *) if [ -n "$FAKE_EXISTING" ]; then
               printf '%s\\n' '[{"id": 7, "body": "looks good"}, {"id": '"$FAKE_EXISTING"', "body": "<!-- clvsim-diff -->\\nold"}]'
             else printf '%s\\n' '[{"id": 7, "body": "looks good"}]'; fi ;;
        esac
        exit 0
        """

    /// Runs `script` in a fresh folder holding scripts/diff-comment.sh; returns the exit status and the calls made.
    static func run(_ script: String, existing: String = "", status: Int = 0) throws -> (Int32, [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-ci-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("bin"), scripts = dir.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: GitFixture.root + "/scripts/diff-comment.sh",
                                         toPath: scripts.appendingPathComponent("diff-comment.sh").path)
        for (name, body) in [("clvsim", fakeClvsim), ("gh", fakeGh), ("curl", fakeCurl)] {
            let path = bin.appendingPathComponent(name).path
            try (body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        let log = dir.appendingPathComponent("calls.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["--noprofile", "--norc", "-eo", "pipefail", "-c", script]
        p.currentDirectoryURL = dir
        p.environment = ["PATH": bin.path + ":/usr/bin:/bin", "LOG": log, "FAKE_EXISTING": existing, "FAKE_STATUS": "\(status)",
                         "GH_TOKEN": "t", "GITHUB_REPOSITORY": "bank/strategy", "PR_NUMBER": "12",
                         "GITLAB_TOKEN": "t", "CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "3",
                         "CI_MERGE_REQUEST_IID": "5"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        return (p.terminationStatus, calls)
    }

    static let diffCall = "clvsim diff origin/main HEAD scenarios/retail-bank/study.yaml --quiet --markdown diff/comment.md --json diff/diff.json --fail-if decision-change"

    @Test("GitHub Actions: posts one comment, then updates it; a tripped gate posts and fails with 4")
    func github() throws {
        let job = try #require(try Self.jobs().first)
        var (code, calls) = try Self.run(job)
        #expect(code == 0)
        #expect(calls.first == Self.diffCall)
        #expect(calls.last == "gh api --method POST repos/bank/strategy/issues/12/comments -F body=@diff/comment.md")
        (code, calls) = try Self.run(job, existing: "99")
        #expect(code == 0)
        #expect(calls.last == "gh api --method PATCH repos/bank/strategy/issues/comments/99 -F body=@diff/comment.md")
        (code, calls) = try Self.run(job, status: 4)
        #expect(code == 4)
        #expect(calls.last?.hasPrefix("gh api --method POST") == true)
    }

    @Test("GitLab CI: posts one note, then updates it; a tripped gate posts and fails with 4",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "the GitLab job uses jq"))
    func gitlab() throws {
        let jobs = try Self.jobs()
        try #require(jobs.count == 2)
        let notes = "https://gitlab.example/api/v4/projects/3/merge_requests/5/notes"
        var (code, calls) = try Self.run(jobs[1])
        #expect(code == 0)
        #expect(calls.first == Self.diffCall)
        #expect(calls.last == "curl -sSf --request POST --header PRIVATE-TOKEN: t --data-urlencode body@diff/comment.md \(notes)")
        (code, calls) = try Self.run(jobs[1], existing: "41")
        #expect(code == 0)
        #expect(calls.last == "curl -sSf --request PUT --header PRIVATE-TOKEN: t --data-urlencode body@diff/comment.md \(notes)/41")
        (code, calls) = try Self.run(jobs[1], status: 4)
        #expect(code == 4)
        #expect(calls.last?.hasPrefix("curl -sSf --request POST") == true)
    }
}
