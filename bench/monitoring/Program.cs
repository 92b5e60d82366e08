using Flywheel.Bench.Monitoring;

// bench/monitoring/run.sh's driver, outside the measurement:
//   prepare USECASE_DIR CAPTURED_CSV PEER_DIR [ROWS_PER_REQUEST]   score the captured rows with the trained package and
//       write them as the server's capture; write what the pandas peer reads beside the capture (peer.json, reference.csv).
//   profile USECASE_DIR                                            the engine's steps over the same window, each timed.
//   memory USECASE_DIR                                             the same steps with resident memory and GC heap after each.
return args switch
{
    ["prepare", var useCase, var captured, var peer] => await Preparation.RunAsync(useCase, captured, peer, 100),
    ["prepare", var useCase, var captured, var peer, var perRequest] => await Preparation.RunAsync(useCase, captured, peer, int.Parse(perRequest, System.Globalization.CultureInfo.InvariantCulture)),
    ["profile", var useCase] => await StepProfile.RunAsync(useCase),
    ["memory", var useCase] => await MemProfile.RunAsync(useCase),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Flywheel.Bench.Monitoring prepare USECASE_DIR CAPTURED_CSV PEER_DIR [ROWS_PER_REQUEST] | profile USECASE_DIR | memory USECASE_DIR");
    return 2;
}
