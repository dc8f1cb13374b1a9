using Zhizao.Scheduling.Benchmarks;

namespace Zhizao.Scheduling.Tests;

public sealed class BenchmarkTests : IDisposable
{
    private const string SmallJsp = "3 2\n0 3 1 2\n1 4 0 1\n0 2 1 3\n";
    private const string SmallFjs = "2 3 1.5\n2 2 1 4 2 3 1 3 2\n1 3 1 5 2 6 3 4\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("zhizao-sched-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(SmallJsp, InstanceFormat.JobShop)]
    [InlineData(SmallFjs, InstanceFormat.Flexible)]
    public void Reader_round_trips_inline_instances(string text, InstanceFormat format)
    {
        var instance = BenchmarkInstance.Parse(text, "small", format);

        var again = BenchmarkInstance.Parse(instance.ToText(), "small", format);

        Assert.True(instance.SameAs(again));
        Assert.Equal(format == InstanceFormat.JobShop ? 3 : 2, instance.Jobs.Count);
    }

    [Fact]
    public void Flexible_reader_keeps_one_based_machines_and_every_option()
    {
        var instance = BenchmarkInstance.Parse(SmallFjs, "small", InstanceFormat.Flexible);

        Assert.Equal([new InstanceOption(1, 4), new InstanceOption(2, 3)], instance.Jobs[0][0]);
        Assert.Equal([new InstanceOption(1, 5), new InstanceOption(2, 6), new InstanceOption(3, 4)], instance.Jobs[1][0]);
        Assert.Throws<FormatException>(() => BenchmarkInstance.Parse("1 2\n1 1 0 5\n", "bad", InstanceFormat.Flexible));
    }

    [Fact]
    public void Checker_catches_overlap_precedence_and_a_wrong_makespan()
    {
        var instance = BenchmarkInstance.Parse(SmallJsp, "small", InstanceFormat.JobShop);
        // Valid: J0 M0[0,3) M1[4,6); J1 M1[0,4) M0[4,5); J2 M0[5,7) M1[7,10).
        var valid = new BenchmarkSchedule("small", 10, [[new(0, 0), new(1, 4)], [new(1, 0), new(0, 4)], [new(0, 5), new(1, 7)]]);
        Assert.True(BenchmarkScheduleChecker.Check(instance, valid).Valid);

        var overlap = valid with { Jobs = [valid.Jobs[0], valid.Jobs[1], [new(0, 2), new(1, 7)]] };
        var precedence = valid with { Jobs = [[new(0, 0), new(1, 2)], valid.Jobs[1], valid.Jobs[2]] };
        var wrongMakespan = valid with { Makespan = 9 };

        Assert.Contains(BenchmarkScheduleChecker.Check(instance, overlap).Violations, v => v.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains(BenchmarkScheduleChecker.Check(instance, precedence).Violations, v => v.Contains("predecessor", StringComparison.Ordinal));
        var check = BenchmarkScheduleChecker.Check(instance, wrongMakespan);
        Assert.Equal(10, check.RecomputedMakespan);
        Assert.Contains(check.Violations, v => v.Contains("makespan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Benchmark_writes_checked_schedules_with_gap_for_listed_and_none_for_unlisted_instances()
    {
        var unlisted = Path.Combine(_dir, "small.fjs");
        await File.WriteAllTextAsync(unlisted, SmallFjs);
        var output = Path.Combine(_dir, "out");

        var report = await new SchedulingBenchmark(TimeProvider.System).RunAsync(
            [TestData.Jsp("ft/ft06.txt"), unlisted], TimeSpan.FromSeconds(5), 2, output, [SchedulingModelVariant.Zhizao, SchedulingModelVariant.Textbook],
            cancellationToken: CancellationToken.None);

        var ft06 = report.Instances[0];
        Assert.Equal((55L, 55L, 0.0, true), (ft06.Makespan!.Value, ft06.Reference!.UpperBound, ft06.Gap!.Value, ft06.ProvenOptimal));
        Assert.Equal(55, ft06.Reference.CpSatUpperBound);
        var small = report.Instances[1];
        Assert.Null(small.Reference);
        Assert.Null(small.Gap);
        Assert.All(report.Instances, r => Assert.Empty(r.CheckerViolations));
        var schedule = await BenchmarkSchedule.ReadAsync(small.SchedulePath!, CancellationToken.None);
        Assert.All(schedule.Jobs.SelectMany(j => j), e => Assert.InRange(e.Machine, 1, 3));
        Assert.True((await BenchmarkScheduleChecker.CheckAsync(TestData.Jsp("ft/ft06.txt"), ft06.SchedulePath!, CancellationToken.None)).Valid);
        var textbook = report.Variants[1].Instances[0];
        Assert.Equal((55L, true), (textbook.Makespan!.Value, textbook.ProvenOptimal));
        Assert.Equal(Path.Combine(output, "textbook", "ft06.json"), textbook.SchedulePath);
        Assert.All(report.Variants[1].Instances, r => Assert.Empty(r.CheckerViolations));
        Assert.Equal(["ft", "small"], report.Families);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "scheduling-benchmark.md"));
        Assert.Contains("| ft | 1 | 0.00 % / 1 /", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_shop_is_planned_and_repaired_validly_and_the_generator_is_deterministic()
    {
        Assert.Equal(SyntheticShop.Generate(30, 5, 7).Jobs.Select(j => (j.Id, j.Due)), SyntheticShop.Generate(30, 5, 7).Jobs.Select(j => (j.Id, j.Due)));
        var shop = SyntheticShop.Generate(30, 5, 7);
        Assert.Empty(Model.SchedulingValidator.Validate(shop));
        Assert.NotEmpty(shop.SetupList);
        Assert.NotEmpty(shop.BlockedList);
        Assert.All(shop.Machines, m => Assert.NotNull(m.Shifts));

        var result = await LargeShopBenchmark.RunAsync(30, 5, 7, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2, CancellationToken.None);

        Assert.True((0, 0) == (result.Violations, result.RepairViolations), $"{result}");
        Assert.True(result.FirstPlanSeconds <= result.Seconds);
        Assert.True(result.Objective <= result.FirstObjective);
        Assert.Contains(result.RepairStatus, (Solving.ScheduleStatus[])[Solving.ScheduleStatus.Optimal, Solving.ScheduleStatus.Feasible]);
    }

    [Fact]
    public void Reference_bounds_parse_csv_columns_by_name_and_bks_json()
    {
        var csv = ReferenceBounds.ParseCsv("instance,jobs,machines,lb,ub,cpsat_600s_4cores_ub,cpsat_600s_4cores_lb\nla29,20,10,1152,1152,1168,1126\n");
        var bks = ReferenceBounds.ParseBks("""{"_note": "x", "mk10": {"ub": 193, "lb": 189}}""");

        Assert.Equal(new ReferenceBound("la29", 1152, 1152, 1168, 1126), csv["la29"]);
        Assert.Equal(new ReferenceBound("mk10", 193, 189), bks["mk10"]);
        var yn = ReferenceBounds.ParseCsv("instance,jobs,machines,lb,ub\nyn1,20,20,884,884\nla01,10,5,666,666\n");
        Assert.Equal(884, ReferenceBounds.Lookup(yn, "yn01")!.UpperBound);
        Assert.Equal(666, ReferenceBounds.Lookup(yn, "LA1")!.UpperBound);
        Assert.Null(ReferenceBounds.Lookup(yn, "yn10"));
    }
}
