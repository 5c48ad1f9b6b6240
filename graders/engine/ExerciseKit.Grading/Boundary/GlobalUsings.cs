global using ExerciseKit.Boundary;
