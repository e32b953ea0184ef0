package dev.faultline.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code faultline} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        HarnessContext context = HarnessContext.system();
        Interrupts.install(context, err);
        int code = Cli.commandLine(out, err, context).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
