namespace ExerciseKit.Boundary;

/// <summary>The first byte of every value on the wire.</summary>
public enum WireTag : byte
{
    Null = 0,
    Bool = 1,
    Int32 = 2,
    Int64 = 3,
    Double = 4,
    Single = 5,
    String = 6,
    Bytes = 7,
    Doubles = 8,
    Singles = 9,
    Int32s = 10,
    Int64s = 11,
    List = 12,
    Map = 13,
    Record = 14,
    Handle = 15,
    Token = 16,
    TimeSpan = 17,
    Tensor = 18,
}
