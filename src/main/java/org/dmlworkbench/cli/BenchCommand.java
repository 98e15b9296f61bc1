package org.dmlworkbench.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchReport;
import org.dmlworkbench.bench.BenchRunner;
import org.dmlworkbench.bench.BenchSuite;
import org.dmlworkbench.bench.MachineInfo;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.training.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training, inference, evaluation, queries and maps; print a table and"
                + " write it as CSV, JSON and Markdown under bench-results/ (see docs/BENCHMARKS.md).")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--quick", description = "Small sizes and few repeats (under 2 minutes): a smoke"
            + " test that prints figures without judging them.")
    boolean quick;

    @Option(names = "--device", paramLabel = "D", defaultValue = "cpu",
            description = "cpu or gpu (default: ${DEFAULT-VALUE}); gpu fails when DJL sees no GPU.")
    String device;

    @Option(names = "--only", paramLabel = "CASE", split = ",",
            description = "Run only the cases whose name starts with one of these, e.g."
                    + " --only train,eval,'query 60k'.")
    List<String> only;

    @Option(names = "--threads", paramLabel = "N",
            description = "Intra-op threads of the engine (default: its own choice, one per core)."
                    + " On a machine other work shares, 1 can be much faster for small operations.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Folder for the result files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("--device must be cpu or gpu, got '" + device + "'");
        }
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            // Read by the PyTorch engine when it starts, which Devices.resolve triggers.
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        }
        Device resolved = Devices.resolve(device);
        List<BenchCase> cases = BenchSuite.select(BenchSuite.cases(quick), only);
        data.offline = true;
        BenchContext context = new BenchContext(quick, resolved, System.out, null,
                name -> data.load(name, ProgressListener.NONE));
        BenchReport report = new BenchRunner(System.out).run(cases, context,
                MachineInfo.describe(Devices.describe(resolved)));
        System.out.println();
        System.out.print(BenchReport.textTable(report.results()));
        report.skipped().forEach(s -> System.out.println("skipped: " + s));
        report.failed().forEach(f -> System.out.println("FAILED: " + f));
        String stem = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + (quick ? "-quick" : "");
        for (Path file : report.write(out, stem)) {
            System.out.println("wrote " + file);
        }
        return report.failed().isEmpty() ? 0 : Main.EXIT_FAILED;
    }
}
