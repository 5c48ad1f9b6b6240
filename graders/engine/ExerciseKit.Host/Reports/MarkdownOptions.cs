namespace ExerciseKit.Host.Reports;

/// <param name="Title">The top heading.</param>
/// <param name="HiddenByName">False for a student in a class: how many hidden checks passed, never which.</param>
public sealed record MarkdownOptions(string Title, bool HiddenByName = true)
{
    /// <summary>Paragraphs under the title.</summary>
    public IReadOnlyList<string> Preamble { get; init; } = [];

    /// <summary>Headed lists after the exercises; an empty one is left out.</summary>
    public IReadOnlyList<MarkdownSection> Sections { get; init; } = [];
}

/// <summary>A list after the exercises, e.g. the files a hand-in held that were not graded. Entries are Markdown already.</summary>
public sealed record MarkdownSection(string Heading, string Introduction, IReadOnlyList<string> Entries);
