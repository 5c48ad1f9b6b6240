using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ExerciseKit.Boundary;

/// <summary>
/// How a value crosses the boundary: as data (numbers, text, arrays, lists, maps, records, tensors bit for bit) or as
/// a handle to an object that stays where it was made. The reader is driven by the type the receiver asks for, so a
/// record made by one side becomes the other side's type of the same shape, matched by property names.
/// <para>Everything read may come from a hostile subject: lengths are checked against the bytes left before anything
/// is allocated, nesting is bounded, and only the receiver's own types are ever constructed.</para>
/// </summary>
public static class Wire
{
    private const int MaxDepth = 64;

    private static readonly List<IWireCodec> Codecs = [];

    /// <summary>Adds a codec for a type the wire does not know (TorchSharp's tensors), on both sides.</summary>
    public static void Register(IWireCodec codec)
    {
        lock (Codecs)
        {
            if (!Codecs.Any(c => c.Tag == codec.Tag))
            {
                Codecs.Add(codec);
            }
        }
    }

    public static void Write(BinaryWriter writer, object? value, IHandleTable handles) => Write(writer, value, handles, 0);

    public static object? Read(BinaryReader reader, Type target, IHandleTable handles) => Read(reader, target, handles, 0);

    private static void Write(BinaryWriter writer, object? value, IHandleTable handles, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("a value nested too deeply to cross the boundary");
        }
        switch (value)
        {
            case null:
                writer.Write((byte)WireTag.Null);
                return;
            case bool b:
                writer.Write((byte)WireTag.Bool);
                writer.Write(b);
                return;
            case Enum e:
                writer.Write((byte)WireTag.Int64);
                writer.Write(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case int i:
                writer.Write((byte)WireTag.Int32);
                writer.Write(i);
                return;
            case long l:
                writer.Write((byte)WireTag.Int64);
                writer.Write(l);
                return;
            case double d:
                writer.Write((byte)WireTag.Double);
                writer.Write(d);
                return;
            case float f:
                writer.Write((byte)WireTag.Single);
                writer.Write(f);
                return;
            case string s:
                writer.Write((byte)WireTag.String);
                writer.Write(s);
                return;
            case TimeSpan t:
                writer.Write((byte)WireTag.TimeSpan);
                writer.Write(t.Ticks);
                return;
            case CancellationToken token:
                writer.Write((byte)WireTag.Token);
                writer.Write(handles.TokenId(token));
                return;
            case byte[] bytes:
                WriteBlock(writer, WireTag.Bytes, bytes.AsSpan());
                return;
            case double[] doubles:
                WriteBlock(writer, WireTag.Doubles, doubles.AsSpan());
                return;
            case float[] singles:
                WriteBlock(writer, WireTag.Singles, singles.AsSpan());
                return;
            case int[] ints:
                WriteBlock(writer, WireTag.Int32s, ints.AsSpan());
                return;
            case long[] longs:
                WriteBlock(writer, WireTag.Int64s, longs.AsSpan());
                return;
        }
        if (value is short or byte or sbyte or ushort or uint or char)
        {
            writer.Write((byte)WireTag.Int64);
            writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        foreach (var codec in Codecs)
        {
            if (codec.CanWrite(value))
            {
                writer.Write((byte)codec.Tag);
                codec.Write(writer, value);
                return;
            }
        }
        switch (value)
        {
            case IDictionary map:
                writer.Write((byte)WireTag.Map);
                writer.Write(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    writer.Write(entry.Key as string ?? throw new InvalidDataException("only maps with text keys cross the boundary"));
                    Write(writer, entry.Value, handles, depth + 1);
                }
                return;
            case ITuple tuple:
                writer.Write((byte)WireTag.List);
                writer.Write(tuple.Length);
                for (var i = 0; i < tuple.Length; i++)
                {
                    Write(writer, tuple[i], handles, depth + 1);
                }
                return;
            case IList list:
                writer.Write((byte)WireTag.List);
                writer.Write(list.Count);
                foreach (var item in list)
                {
                    Write(writer, item, handles, depth + 1);
                }
                return;
        }
        if (IsRecord(value.GetType()))
        {
            var properties = DataProperties(value.GetType());
            writer.Write((byte)WireTag.Record);
            writer.Write(value.GetType().FullName ?? "");
            writer.Write(properties.Count);
            foreach (var property in properties)
            {
                writer.Write(property.Name);
                Write(writer, property.GetValue(value), handles, depth + 1);
            }
            return;
        }
        if (handles.TryGetHandle(value, out var handle))
        {
            writer.Write((byte)WireTag.Handle);
            writer.Write(handle);
            writer.Write(value.GetType().FullName ?? "");
            return;
        }
        throw new InvalidDataException($"a {value.GetType().FullName} can cross the boundary neither as data nor as a handle");
    }

    private static object? Read(BinaryReader reader, Type target, IHandleTable handles, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("a value nested too deeply to cross the boundary");
        }
        var tag = (WireTag)reader.ReadByte();
        var plain = Nullable.GetUnderlyingType(target) ?? target;
        switch (tag)
        {
            case WireTag.Null:
                return null;
            case WireTag.Bool:
                return reader.ReadBoolean();
            case WireTag.Int32:
                return Number(reader.ReadInt32(), plain);
            case WireTag.Int64:
                return Number(reader.ReadInt64(), plain);
            case WireTag.Double:
                return Number(reader.ReadDouble(), plain);
            case WireTag.Single:
                return Number(reader.ReadSingle(), plain);
            case WireTag.String:
                return reader.ReadString();
            case WireTag.TimeSpan:
                return TimeSpan.FromTicks(reader.ReadInt64());
            case WireTag.Token:
                return handles.ResolveToken(reader.ReadInt64());
            case WireTag.Bytes:
                return Sequence(ReadBlock<byte>(reader), plain);
            case WireTag.Doubles:
                return Sequence(ReadBlock<double>(reader), plain);
            case WireTag.Singles:
                return Sequence(ReadBlock<float>(reader), plain);
            case WireTag.Int32s:
                return Sequence(ReadBlock<int>(reader), plain);
            case WireTag.Int64s:
                return Sequence(ReadBlock<long>(reader), plain);
            case WireTag.Handle:
                return handles.ResolveHandle(reader.ReadInt64(), reader.ReadString(), plain);
            case WireTag.List:
                return ReadList(reader, plain, handles, depth);
            case WireTag.Map:
                return ReadMap(reader, plain, handles, depth);
            case WireTag.Record:
                return ReadRecord(reader, plain, handles, depth);
        }
        var codec =
            Codecs.FirstOrDefault(c => c.Tag == tag) ?? throw new InvalidDataException($"unknown value tag {(byte)tag} on the wire");
        return codec.Read(reader);
    }

    private static object? ReadList(BinaryReader reader, Type target, IHandleTable handles, int depth)
    {
        var count = Count(reader, 1);
        if (target.IsAssignableTo(typeof(ITuple)) && target.IsGenericType)
        {
            var arguments = target.GetGenericArguments();
            if (arguments.Length != count)
            {
                throw new InvalidDataException($"a tuple of {count} values where {arguments.Length} were expected");
            }
            var values = arguments.Select(a => Read(reader, a, handles, depth + 1)).ToArray();
            return Activator.CreateInstance(target, values);
        }
        var element = ElementType(target) ?? typeof(object);
        var items = Array.CreateInstance(element, count);
        for (var i = 0; i < count; i++)
        {
            items.SetValue(Read(reader, element, handles, depth + 1), i);
        }
        return target.IsArray || target.IsAssignableFrom(items.GetType()) ? items : Activator.CreateInstance(target, items);
    }

    private static object ReadMap(BinaryReader reader, Type target, IHandleTable handles, int depth)
    {
        var count = Count(reader, 2);
        var valueType = target.IsGenericType && target.GetGenericArguments() is [_, var v] ? v : typeof(object);
        var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            map[key] = Read(reader, valueType, handles, depth + 1);
        }
        return map;
    }

    private static object? ReadRecord(BinaryReader reader, Type target, IHandleTable handles, int depth)
    {
        _ = reader.ReadString(); // the sender's type name: only the receiver's own types are made
        var count = Count(reader, 2);
        var properties = target == typeof(object) ? [] : DataProperties(target).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            values[name] = Read(reader, properties.TryGetValue(name, out var p) ? p.PropertyType : typeof(object), handles, depth + 1);
        }
        if (target == typeof(object) || target.IsInterface || target.IsAbstract)
        {
            return values;
        }
        var constructor =
            target
                .GetConstructors()
                .Where(c => c.GetParameters().All(p => values.ContainsKey(p.Name!) || p.HasDefaultValue))
                .MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidDataException($"no constructor of {target.Name} takes the fields {string.Join(", ", values.Keys)}");
        var parameters = constructor.GetParameters();
        var instance = constructor.Invoke(parameters.Select(p => values.TryGetValue(p.Name!, out var v) ? v : p.DefaultValue).ToArray());
        foreach (var (name, value) in values)
        {
            if (
                properties.TryGetValue(name, out var property)
                && property.SetMethod is { IsPublic: true }
                && !parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            )
            {
                property.SetValue(instance, value);
            }
        }
        return instance;
    }

    private static object? Number(object value, Type target)
    {
        if (target.IsEnum)
        {
            return Enum.ToObject(target, value);
        }
        return target.IsPrimitive && target != value.GetType()
            ? Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture)
            : value;
    }

    private static object Sequence<T>(T[] items, Type target) =>
        target.IsAssignableFrom(typeof(T[])) ? items : Activator.CreateInstance(target, items)!;

    private static Type? ElementType(Type target)
    {
        if (target.IsArray)
        {
            return target.GetElementType();
        }
        return target.IsGenericType && target.GetGenericArguments() is [var element] ? element : null;
    }

    private static void WriteBlock<T>(BinaryWriter writer, WireTag tag, ReadOnlySpan<T> items)
        where T : unmanaged
    {
        writer.Write((byte)tag);
        writer.Write(items.Length);
        writer.Write(MemoryMarshal.AsBytes(items));
    }

    private static T[] ReadBlock<T>(BinaryReader reader)
        where T : unmanaged
    {
        var count = Count(reader, Unsafe.SizeOf<T>());
        var items = new T[count];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(items.AsSpan()));
        return items;
    }

    /// <summary>A count read from the wire, refused when its items could not fit in the bytes that are left.</summary>
    public static int Count(BinaryReader reader, int leastBytesPerItem)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * leastBytesPerItem > left)
        {
            throw new InvalidDataException($"a count of {count} on the wire, with {left} bytes left");
        }
        return count;
    }

    /// <summary>Records (C# record classes and structs) cross as data; other objects stay where they are.</summary>
    public static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static List<PropertyInfo> DataProperties(Type type) =>
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && p.Name != "EqualityContract"),
        ];
}
