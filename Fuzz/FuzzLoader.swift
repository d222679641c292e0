// libFuzzer entry point over clvsim's loader: each input is written to a temporary file and checked
// as a scenario (`Loader.validate`), then as a study naming that scenario as its baseline and as a
// plan. Any crash, trap, hang (-timeout) or sanitizer report is a bug: the loader must turn every
// input into diagnostics. Compiled into the CLVModel module itself by Fuzz/run.sh.
import Foundation

private let fuzzDir: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-fuzz-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    // A fixed, valid baseline for the study case, so a fuzzed plan has something to extend.
    let base = """
        schema: clvsim/1
        horizon: 4
        states: { a: { stage: retention }, z: { stage: churn } }
        segments: { s: { initial: { a: 10 }, transitions: { a: { z: 0.1 } }, value: { a: { revenue: 1, cost: 0 } } } }

        """
    try? base.write(toFile: dir + "/base.yaml", atomically: false, encoding: .utf8)
    let study = "schema: clvsim/1\nstudy: fuzz\nbaseline: base.yaml\nplans: [input.yaml]\n"
    try? study.write(toFile: dir + "/study.yaml", atomically: false, encoding: .utf8)
    return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = fuzzDir + "/input.yaml"
    guard FileManager.default.createFile(atPath: input, contents: Data(bytes: data, count: size)) else { return 0 }
    _ = Loader.validate(paths: [input])                   // as a scenario, or as a study when it is one
    _ = Loader.validate(paths: [fuzzDir + "/study.yaml"])  // as a plan of a study
    _ = try? Loader.loadStudy(path: input)
    return 0
}
