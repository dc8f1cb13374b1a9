using System.Text;
using Zhizao.Agents.Supply.Data;

namespace Zhizao.Agents.Supply.Tests.Data;

public sealed class DemandFileTests
{
    [Fact]
    public async Task Long_format_gives_one_daily_series_per_item_in_order_of_first_appearance()
    {
        var data = await Files.Demand("item,date,quantity\nB,2026-01-01,5\nA,2026-01-01,1\nB,2026-01-02,6\nA,2026-01-02,2.5\n");

        Assert.Equal(DemandFileFormat.Long, data.Format);
        Assert.Equal(TimeSpan.FromDays(1), data.Step);
        Assert.Equal(["B", "A"], data.Series.Select(s => s.ItemId));
        Assert.Equal([5.0, 6.0], data.Series[0].Values);
        Assert.Equal([1.0, 2.5], data.Series[1].Values);
        Assert.Equal(new DateTime(2026, 1, 1), data.Series[1].Start);
        Assert.Equal(new DateTime(2026, 1, 3), data.Series[1].ForecastStart);
        Assert.Equal(4, data.DataLines);
        Assert.DoesNotContain(data.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Contains(data.Findings, f => f.Kind == FindingKind.StepInferred && f.Message.Contains("1 day (daily)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SKU,Day,Qty")]
    [InlineData("item_id,ds,y")]
    [InlineData("Item ID,Timestamp,Demand")]
    [InlineData("物料,日期,数量")]
    public async Task Header_names_are_case_insensitive_and_accept_the_common_aliases(string header)
    {
        var data = await Files.Demand($"{header}\nA,2026-01-01,1\nA,2026-01-02,2\n");

        Assert.Equal([1.0, 2.0], Assert.Single(data.Series).Values);
    }

    [Fact]
    public async Task Non_numeric_quantity_rejects_the_line_with_its_line_column_and_value_and_is_counted()
    {
        var data = await Files.Demand("item,date,qty\nA,2026-01-01,1\nA,2026-01-02,abc\nA,2026-01-03,\nA,2026-01-04,NaN\nA,2026-01-05,4\n");

        var bad = data.Findings.Of(FindingKind.NonNumericQuantity);
        Assert.Equal(3, data.Count(FindingKind.NonNumericQuantity));
        Assert.Equal("demand.csv: line 3, column qty: 'abc' is not a number (write quantities with a decimal point and no thousands separator); line rejected.", bad[0].ToString());
        Assert.Equal((3L, "qty", "abc", "A", FindingSeverity.Error), (bad[0].Line!.Value, bad[0].Column!, bad[0].Value!, bad[0].ItemId!, bad[0].Severity));
        Assert.Equal("the quantity is empty; line rejected.", bad[1].Message);
        Assert.Equal(5L, bad[2].Line);
        // The rejected days become gaps, filled with zero.
        Assert.Equal([1.0, 0, 0, 0, 4], Assert.Single(data.Series).Values);
    }

    [Fact]
    public async Task Negative_quantity_is_rejected_as_a_return_and_counted()
    {
        var data = await Files.Demand(Files.Daily("A", 3, -2, 4, -1));

        Assert.Equal(2, data.Count(FindingKind.NegativeQuantity));
        var first = data.Findings.Of(FindingKind.NegativeQuantity)[0];
        Assert.Equal("demand.csv: line 3, column quantity: the quantity -2 is negative; returns are not demand (record them separately). The line is rejected.", first.ToString());
        Assert.Equal([3.0, 0, 4], data.Series[0].Values);
    }

    [Fact]
    public async Task Empty_file_is_refused_with_the_expected_header()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("\n\n"));

        var finding = Assert.Single(e.Findings);
        Assert.Equal(FindingKind.EmptyFile, finding.Kind);
        Assert.Equal("demand.csv: the file is empty: expected a header line such as 'item,date,quantity'.", finding.ToString());
    }

    [Fact]
    public async Task Missing_columns_refuse_the_whole_file_naming_the_accepted_names()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("item,quantity\nA,1\n"));

        var finding = Assert.Single(e.Findings);
        Assert.Equal(FindingKind.MissingColumn, finding.Kind);
        Assert.Equal(1L, finding.Line);
        Assert.StartsWith("missing column 'date' (accepted names: date, day, ds, timestamp,", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("the header is 'item,quantity'.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_line_of_data_is_refused_as_a_missing_header()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("2026-01-01,A,5\n"));

        Assert.Equal("demand.csv: line 1: the first line must be a header such as 'item,date,quantity', but it starts with the value '2026-01-01'.", Assert.Single(e.Findings).ToString());
    }

    [Fact]
    public async Task Header_without_rows_is_refused_as_no_data()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("item,date,quantity\n"));

        Assert.Equal("no usable row: 0 data line(s) read, none accepted.", Assert.Single(e.Findings).Message);
    }

    [Fact]
    public async Task A_file_of_only_bad_lines_is_refused_with_the_rejections_listed()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("item,date,quantity\nA,2026-01-01,x\nA,yesterday,1\n"));

        Assert.Equal([FindingKind.NoData, FindingKind.NonNumericQuantity, FindingKind.InvalidDate], e.Findings.Select(f => f.Kind));
        Assert.Equal("demand.csv: line 3, column date: 'yesterday' is not a date (expected ISO 8601 such as 2026-01-05 or 2026-01-05T08:00); line rejected.", e.Findings[2].ToString());
    }

    [Fact]
    public async Task Duplicate_item_and_date_rows_are_summed_and_reported()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,3\nA,2026-01-02,1\nA,2026-01-01,4\n");

        var series = Assert.Single(data.Series);
        Assert.Equal([7.0, 1], series.Values);
        Assert.True(series.Flags.HasFlag(SeriesFlags.DuplicatesSummed));
        var finding = Assert.Single(data.Findings.Of(FindingKind.DuplicatesSummed));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(4L, finding.Line);
        Assert.Equal("item 'A', 2026-01-01: this row repeats line 2; the quantities were summed (3 + 4 = 7), as ERP exports split one day's orders over several lines.", finding.Message);
        Assert.Equal(1, data.Count(FindingKind.DuplicatesSummed));
    }

    [Fact]
    public async Task Missing_days_are_filled_with_zero_and_reported()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,5\nA,2026-01-04,6\nA,2026-01-05,7\nA,2026-01-06,1\nA,2026-01-07,1\nA,2026-01-08,1\nA,2026-01-09,1\nA,2026-01-10,1\n");

        var series = Assert.Single(data.Series);
        Assert.Equal([5.0, 0, 0, 6, 7, 1, 1, 1, 1, 1], series.Values);
        Assert.Equal(2, series.FilledPeriods);
        Assert.Equal(SeriesFlags.GapsFilled | SeriesFlags.FewObservations, series.Flags);
        Assert.Equal(2, data.Count(FindingKind.GapFilled));
        Assert.Equal("item 'A': 2 missing days filled with zero demand (a period without rows in a demand export is a period without orders); the longest gap is 2 days from 2026-01-02.",
            Assert.Single(data.Findings.Of(FindingKind.GapFilled)).Message);
        Assert.Empty(data.Findings.Of(FindingKind.LongGap));
    }

    [Fact]
    public async Task A_gap_longer_than_a_quarter_of_the_span_is_a_warning()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,5\nA,2026-01-02,5\nA,2026-01-07,5\nA,2026-01-08,5\n");

        var series = Assert.Single(data.Series);
        Assert.True(series.Flags.HasFlag(SeriesFlags.LongGap));
        var finding = Assert.Single(data.Findings.Of(FindingKind.LongGap));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.StartsWith("item 'A': a gap of 4 days from 2026-01-03 is 50 % of the series' span;", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_series_ends_at_the_files_last_date_so_trailing_days_without_rows_are_zero_demand()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,1\nB,2026-01-02,2\nA,2026-01-03,1\nA,2026-01-04,1\n");

        Assert.Equal([2.0, 0, 0], data.Find("B")!.Values);
        Assert.Equal(new DateTime(2026, 1, 2), data.Find("B")!.Start);
        Assert.Equal(new DateTime(2026, 1, 5), data.Find("B")!.ForecastStart);
        Assert.Equal(data.Find("A")!.ForecastStart, data.Find("B")!.ForecastStart);
    }

    [Fact]
    public async Task Unsorted_rows_are_sorted_and_noted()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-03,3\nA,2026-01-01,1\nA,2026-01-02,2\n");

        Assert.Equal([1.0, 2, 3], Assert.Single(data.Series).Values);
        var note = Assert.Single(data.Findings.Of(FindingKind.Unsorted));
        Assert.Equal((FindingSeverity.Info, "the rows of 1 item(s) were not in date order; they were sorted."), (note.Severity, note.Message));
    }

    [Fact]
    public async Task Short_and_all_zero_series_are_kept_and_flagged()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,0\nA,2026-01-02,0\nA,2026-01-03,0\n");

        var series = Assert.Single(data.Series);
        Assert.Equal(SeriesFlags.FewObservations | SeriesFlags.AllZero, series.Flags);
        Assert.Equal("item 'A' has only 3 days of history (fewer than 14); it is kept, and forecasters fall back to simple methods.",
            Assert.Single(data.Findings.Of(FindingKind.FewObservations)).Message);
        Assert.Equal("item 'A' has zero demand in every period; it is kept, its forecast is zero and it needs no safety stock.",
            Assert.Single(data.Findings.Of(FindingKind.AllZero)).Message);
        Assert.All(data.Findings, f => Assert.NotEqual(FindingSeverity.Error, f.Severity));
    }

    [Fact]
    public async Task A_file_over_the_size_bound_is_refused()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand(Files.Daily("A", 1, 2, 3), new SupplyFileOptions { MaxBytes = 40 }));

        var finding = Assert.Single(e.Findings);
        Assert.Equal(FindingKind.FileTooLarge, finding.Kind);
        Assert.StartsWith("the file is 0 MB, over the bound of 0 MB", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_seekable_stream_over_the_size_bound_is_refused_while_reading()
    {
        var bytes = Encoding.UTF8.GetBytes(Files.Daily("A", 1, 2, 3, 4, 5));
        using var stream = new ForwardOnlyStream(bytes);

        var e = await Assert.ThrowsAsync<SupplyFileException>(() => DemandFile.ReadAsync(stream, "upload.csv", new SupplyFileOptions { MaxBytes = 60 }));

        // 19 + 15 + 15 + 15 bytes: line 4 passes 60.
        Assert.Equal((FindingKind.FileTooLarge, 4L), (e.Findings[0].Kind, e.Findings[0].Line!.Value));
    }

    [Fact]
    public async Task A_file_over_the_row_bound_is_refused()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand(Files.Daily("A", 1, 2, 3, 4), new SupplyFileOptions { MaxRows = 3 }));

        Assert.Equal("demand.csv: line 5: the file has more than 3 data lines; split it or aggregate the rows.", Assert.Single(e.Findings).ToString());
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_with_the_line()
    {
        var gbk = new byte[] { 0xCE, 0xEF, 0xC1, 0xCF }; // "物料" in GBK
        var bytes = Encoding.UTF8.GetBytes("item,date,quantity\nA,2026-01-01,1\n").Concat(gbk).Concat(Encoding.UTF8.GetBytes(",2026-01-01,1\n")).ToArray();

        var e = await Assert.ThrowsAsync<SupplyFileException>(() => DemandFile.ReadAsync(new MemoryStream(bytes), "gbk.csv"));

        Assert.Equal((FindingKind.NotUtf8, 3L), (e.Findings[0].Kind, e.Findings[0].Line!.Value));
        Assert.Contains("save as 'CSV UTF-8'", e.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_quoted_fields_and_a_semicolon_delimiter_are_read()
    {
        var data = await Files.Demand("\uFEFFitem;date;quantity\n\"Bolt; M8 \"\"fine\"\"\";2026-01-01;3\n\"Bolt; M8 \"\"fine\"\"\";2026-01-02;4\n");

        Assert.Equal("Bolt; M8 \"fine\"", Assert.Single(data.Series).ItemId);
    }

    [Fact]
    public async Task Lines_with_a_wrong_number_of_fields_are_rejected_and_trailing_empty_fields_tolerated()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,1,,\nA,2026-01-02\nA,2026-01-03,3,extra\n\"A,2026-01-04,4\n");

        Assert.Equal(3, data.Count(FindingKind.WrongFieldCount));
        var wrong = data.Findings.Of(FindingKind.WrongFieldCount);
        Assert.Equal("expected 3 fields (item,date,quantity), found 2; line rejected.", wrong[0].Message);
        Assert.Equal("expected 3 fields (item,date,quantity), found 4 (quote values that contain the delimiter); line rejected.", wrong[1].Message);
        Assert.Equal("a quote is not closed; line rejected.", wrong[2].Message);
        Assert.Equal([1.0], data.Series[0].Values);
    }

    [Fact]
    public async Task Only_the_first_findings_of_a_kind_are_listed_and_the_rest_counted()
    {
        var csv = "item,date,quantity\nA,2026-01-01,1\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"A,2026-01-02,x{i}\n"));

        var data = await Files.Demand(csv, new SupplyFileOptions { DetailLimit = 5 });

        Assert.Equal(50, data.Count(FindingKind.NonNumericQuantity));
        var listed = data.Findings.Of(FindingKind.NonNumericQuantity);
        Assert.Equal(6, listed.Count);
        Assert.Equal("45 more findings like the above not listed (NonNumericQuantity: 50 in all).", listed[^1].Message);
    }

    [Fact]
    public async Task Wide_format_is_detected_from_the_header_and_empty_cells_mean_no_row()
    {
        var data = await Files.Demand("date,bearing-6204,coolant,new-item\n2026-01-01,80,41.5,\n2026-01-02,82,x,\n2026-01-03,79,40,2\n2026-01-04,-1,39\n");

        Assert.Equal(DemandFileFormat.Wide, data.Format);
        Assert.Equal(["bearing-6204", "coolant", "new-item"], data.Series.Select(s => s.ItemId));
        Assert.Equal([80.0, 82, 79, 0], data.Find("bearing-6204")!.Values);
        Assert.Equal([41.5, 0, 40, 39], data.Find("coolant")!.Values);
        Assert.Equal([2.0, 0], data.Find("new-item")!.Values);
        Assert.Equal(new DateTime(2026, 1, 3), data.Find("new-item")!.Start);
        var x = Assert.Single(data.Findings.Of(FindingKind.NonNumericQuantity));
        Assert.Equal("demand.csv: line 3, column coolant: 'x' is not a number (write quantities with a decimal point and no thousands separator); value rejected.", x.ToString());
        Assert.Equal(1, data.Count(FindingKind.NegativeQuantity));
    }

    [Fact]
    public async Task Wide_format_refuses_a_repeated_item_column()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("date,A,B,A\n2026-01-01,1,2,3\n"));

        Assert.Equal("demand.csv: line 1, column A: the column 'A' appears twice (columns 2 and 4).", Assert.Single(e.Findings).ToString());
    }

    [Fact]
    public async Task Weekly_dates_give_a_weekly_step_and_midnight_timestamps_read_as_dates()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-05T00:00:00,70\nA,2026-01-12 00:00:00,71\nA,2026-01-26,72\n");

        Assert.Equal(TimeSpan.FromDays(7), data.Step);
        Assert.Equal([70.0, 71, 0, 72], Assert.Single(data.Series).Values);
        Assert.Contains(data.Findings, f => f.Kind == FindingKind.StepInferred && f.Message.Contains("7 days (weekly)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hourly_timestamps_give_an_hourly_step()
    {
        var data = await Files.Demand("timestamp,line-1\n2026-01-05T08:00,3\n2026-01-05T09:00,4\n2026-01-05T11:00,5\n");

        Assert.Equal(TimeSpan.FromHours(1), data.Step);
        Assert.Equal([3.0, 4, 0, 5], Assert.Single(data.Series).Values);
        Assert.Equal(new DateTime(2026, 1, 5, 12, 0, 0), data.Series[0].ForecastStart);
    }

    [Fact]
    public async Task Monthly_dates_are_refused_as_not_equally_spaced()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("item,date,quantity\nA,2026-01-01,1\nA,2026-02-01,2\nA,2026-03-01,3\n"));

        Assert.Equal(FindingKind.IrregularSpacing, Assert.Single(e.Findings).Kind);
        Assert.StartsWith("the dates are monthly", e.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timestamp_between_daily_steps_is_rejected_with_its_line()
    {
        var csv = Files.Daily("A", Enumerable.Repeat(1.0, 20).ToArray()) + "A,2026-01-05 12:00,9\n";

        var data = await Files.Demand(csv);

        var finding = Assert.Single(data.Findings.Of(FindingKind.OffGrid));
        Assert.Equal("demand.csv: line 22: item 'A': 2026-01-05 12:00 falls between the 1 day (daily) steps of the item's series; row rejected.", finding.ToString());
        Assert.Equal(20, data.Series[0].Values.Count);
    }

    [Fact]
    public async Task An_item_spanning_too_many_periods_is_rejected_and_the_others_kept()
    {
        var data = await Files.Demand("item,date,quantity\nA,2026-01-01,1\nA,2206-01-01,1\nB,2026-01-01,1\nB,2026-01-02,1\n", new SupplyFileOptions { MaxPeriodsPerSeries = 50_000 });

        Assert.Equal("B", Assert.Single(data.Series).ItemId);
        Assert.Equal([1.0, 1], data.Series[0].Values);
        var finding = Assert.Single(data.Findings.Of(FindingKind.SeriesTooLong));
        Assert.StartsWith("item 'A' spans 2026-01-01 (line 2) to 2206-01-01 (this line): 65,744 periods, over the bound of 50,000;", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_late_date_that_would_stretch_every_series_refuses_the_file()
    {
        var csv = string.Concat(Enumerable.Range(0, 30).Select(i => $"I{i},2026-01-01,1\n"));

        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Demand("item,date,quantity\n" + csv + "I0,2062-01-01,1\n", new SupplyFileOptions { MaxRows = 1000 }));

        var finding = Assert.Single(e.Findings);
        Assert.Equal((FindingKind.SeriesTooLong, 32L), (finding.Kind, finding.Line!.Value));
        Assert.StartsWith("the series would hold 394,500 periods in all, from each item's first date to the file's last date 2062-01-01 (this line), over the bound of 4,000;", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_demand_file_reads_without_errors()
    {
        var data = await DemandFile.ReadAsync(Files.Sample("demand.example.csv"));

        Assert.Equal(["bearing-6204", "coolant", "bearing-7014"], data.Series.Select(s => s.ItemId));
        Assert.All(data.Series, s => Assert.Equal(new DateTime(2026, 5, 1), s.ForecastStart));
        Assert.Equal(120, data.Find("bearing-6204")!.Values.Count);
        Assert.True(data.Find("bearing-7014")!.ZeroShare > 0.5);
        Assert.DoesNotContain(data.Findings, f => f.Severity == FindingSeverity.Error);
    }

    /// <summary>A stream that cannot seek, as an HTTP request body.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
